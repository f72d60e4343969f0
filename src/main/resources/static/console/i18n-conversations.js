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
  cvMeta: 'Begonnen {started} · Kanal {channel} · {answers} Antworten, davon {unanswered} ohne Antwort'
};

const en = {
  nav_conversations: 'Conversations', conversations: 'Conversations', conversation: 'Conversation',
  cvFilter: 'Filter conversations', cvText: 'Text in the questions', cvFeedback: 'Feedback', cvFeedbackAny: 'any',
  cvFeedbackUp: 'with 👍', cvFeedbackDown: 'with 👎', cvNoAnswerOnly: 'only conversations with unanswered questions',
  cvExport: 'Export as {format}', cvStarted: 'Started', cvFirstQuestion: 'First question', cvChannel: 'Channel',
  cvAnswers: 'Answers', cvUnanswered: 'Unanswered', cvShown: '{n} of {total} conversations', cvPages: 'Pages of conversations',
  cvCitizen: 'Question', cvAssistant: 'Answer', cvNoAnswer: 'no answer found', cvSources: 'Sources',
  cvApprovedArticle: 'Approved article', cvF13Source: 'Source: the state\'s F13 platform', cvBack: 'Back to the conversations',
  cvMeta: 'Started {started} · channel {channel} · {answers} answers, {unanswered} of them without an answer'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
