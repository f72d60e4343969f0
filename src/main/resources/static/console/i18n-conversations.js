// Texts of the conversation log: German first, English second. Merged into the console's dictionaries when a view
// module imports this file.
import { TEXTS } from './i18n.js';

const de = {
  nav_conversations: 'Gespräche', conversations: 'Gespräche', conversation: 'Gespräch',
  cvFilter: 'Gespräche filtern', cvText: 'Text in den Fragen', cvFeedback: 'Bewertung', cvFeedbackAny: 'alle',
  cvFeedbackUp: 'mit 👍', cvFeedbackDown: 'mit 👎', cvNoAnswerOnly: 'nur Gespräche mit unbeantworteten Fragen',
  cvExport: 'Export als {format}', cvStarted: 'Begonnen', cvFirstQuestion: 'Erste Frage', cvChannel: 'Kanal',
  cvAnswers: 'Antworten', cvUnanswered: 'Unbeantwortet', cvShown: '{n} von {total} Gesprächen', cvPages: 'Seiten der Gespräche',
  cvCitizen: 'Frage', cvAssistant: 'Antwort', cvNoAnswer: 'keine Antwort gefunden', cvSources: 'Quellen',
  cvApprovedArticle: 'Geprüfter Artikel', cvF13Source: 'Quelle: F13-Plattform des Landes', cvBack: 'Zurück zu den Gesprächen',
  cvMeta: 'Begonnen {started} · Kanal {channel} · {answers} Antworten, davon {unanswered} ohne Antwort',
  cvPrivacy: 'Datenschutz', cvRetention: 'Gespräche löschen nach (Tagen)',
  cvRetentionHint: '(leer = aufbewahren, bis sie gelöscht werden; gelöscht wird täglich)', cvRetentionSave: 'Aufbewahrung speichern',
  cvRetentionKept: 'Gespräche werden aufbewahrt, bis sie gelöscht werden.', cvRetentionDays: 'Gespräche werden nach {days} Tagen gelöscht.',
  cvPurgeNow: 'Alte Gespräche jetzt löschen', cvPurged: '{n} Gespräche gelöscht.',
  cvErase: 'Dieses Gespräch löschen', cvEraseConfirm: 'Dieses Gespräch mit allen Nachrichten und Bewertungen endgültig löschen?',
  cvErased: 'Gespräch gelöscht.', cvErasePerson: 'Alle {n} Gespräche dieser Person löschen (DSGVO)',
  cvErasePersonConfirm: 'Alle {n} Gespräche der Person, die dieses Gespräch geführt hat, endgültig löschen?',
  cvPersonErased: '{n} Gespräche der Person gelöscht.',
  cvPersonHint: 'Die Person ist nur pseudonym bekannt: alle Gespräche aus demselben Browser gehören zu ihr.'
};

const en = {
  nav_conversations: 'Conversations', conversations: 'Conversations', conversation: 'Conversation',
  cvFilter: 'Filter conversations', cvText: 'Text in the questions', cvFeedback: 'Feedback', cvFeedbackAny: 'any',
  cvFeedbackUp: 'with 👍', cvFeedbackDown: 'with 👎', cvNoAnswerOnly: 'only conversations with unanswered questions',
  cvExport: 'Export as {format}', cvStarted: 'Started', cvFirstQuestion: 'First question', cvChannel: 'Channel',
  cvAnswers: 'Answers', cvUnanswered: 'Unanswered', cvShown: '{n} of {total} conversations', cvPages: 'Pages of conversations',
  cvCitizen: 'Question', cvAssistant: 'Answer', cvNoAnswer: 'no answer found', cvSources: 'Sources',
  cvApprovedArticle: 'Approved article', cvF13Source: 'Source: the state\'s F13 platform', cvBack: 'Back to the conversations',
  cvMeta: 'Started {started} · channel {channel} · {answers} answers, {unanswered} of them without an answer',
  cvPrivacy: 'Data protection', cvRetention: 'Delete conversations after (days)',
  cvRetentionHint: '(empty = keep until deleted; deletion runs daily)', cvRetentionSave: 'Save retention',
  cvRetentionKept: 'Conversations are kept until they are deleted.', cvRetentionDays: 'Conversations are deleted after {days} days.',
  cvPurgeNow: 'Delete old conversations now', cvPurged: '{n} conversations deleted.',
  cvErase: 'Delete this conversation', cvEraseConfirm: 'Delete this conversation with all its messages and feedback for good?',
  cvErased: 'Conversation deleted.', cvErasePerson: 'Delete all {n} conversations of this person (GDPR)',
  cvErasePersonConfirm: 'Delete all {n} conversations of the person who had this conversation for good?',
  cvPersonErased: '{n} conversations of the person deleted.',
  cvPersonHint: 'The person is known only by a pseudonym: every conversation from the same browser is theirs.'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
