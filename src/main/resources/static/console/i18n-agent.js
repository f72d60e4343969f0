// Texts of the agent runtime's inbox (approvals and handoffs): German first, English second. Merged into the console's
// dictionaries when the inbox view imports this file.
import { TEXTS } from './i18n.js';

const de = {
  nav_inbox: 'Posteingang', inbox: 'Posteingang', inboxHelp: 'Anfragen, die eine Person prüfen muss, und Gespräche, die an eine Person übergeben wurden. Die Liste aktualisiert sich von selbst.',
  approvals: 'Freigaben', noApprovals: 'Keine Anfrage wartet auf Freigabe.', approvalFor: 'Freigabe: {tools}',
  question: 'Frage', proposedCall: 'Vorgeschlagener Aufruf: {tool}', callArguments: 'Argumente für {tool} (JSON, änderbar)',
  decisionNote: 'Kommentar (optional)', approve: 'Freigeben', reject: 'Ablehnen', requestedAt: 'Angefragt', expiresAt: 'Läuft ab',
  argumentsInvalid: 'Die Argumente von {tool} sind kein JSON-Objekt.', approvedRun: 'Freigegeben. Der Lauf geht weiter – Status: {status}.',
  rejectedRun: 'Abgelehnt. Die Bürgerin oder der Bürger erhält eine höfliche Absage.', answerNow: 'Antwort des Assistenten',
  handoffs: 'Übergaben an Mitarbeitende', noHandoffs: 'Kein Gespräch wartet auf eine Person.', handoffTitle: 'Gespräch: {reason}',
  summary: 'Zusammenfassung', take: 'Übernehmen', takenBy: 'Übernommen von {name}', transcript: 'Verlauf',
  writeToCitizen: 'Nachricht an die Bürgerin / den Bürger', send: 'Senden', endHandoff: 'An den Assistenten zurückgeben',
  endNote: 'Notiz zum Abschluss (optional)', handoffEnded: 'Das Gespräch ist zurück beim Assistenten.', sent: 'Gesendet.',
  who_user: 'Bürger/in', who_assistant: 'Assistent', who_staff: 'Mitarbeiter/in',
  hs_waiting: 'wartet', hs_active: 'in Bearbeitung', hs_ended: 'beendet',
  rs_running: 'läuft', rs_awaiting_approval: 'wartet auf Freigabe', rs_completed: 'abgeschlossen', rs_failed: 'fehlgeschlagen', rs_handed_over: 'übergeben',
  hr_citizen_request: 'Wunsch der Bürgerin / des Bürgers', hr_repeated_no_answer: 'wiederholt keine Antwort', hr_negative_feedback: 'negative Bewertung',
  hr_sensitive_topic: 'sensibles Thema', hr_approval_denied: 'Freigabe abgelehnt', hr_out_of_scope: 'außerhalb des Auftrags',
  budget: 'Kontingent (Token)', budgetSpent: 'heute {today}, diesen Monat {month} verbraucht', budgetSave: 'Kontingent speichern',
  budget_tokensPerConversation: 'Token je Gespräch', budget_tokensPerDay: 'Token je Tag', budget_tokensPerMonth: 'Token je Monat',
  nav_routing: 'Routing', routing: 'Routing zwischen Agenten', routingAgents: 'Beteiligte Agenten',
  routingOn: 'eingeschaltet', routingOff: 'ausgeschaltet', routingHelp: 'Jede Frage eines Gesprächs mit einem dieser Agenten geht an den Agenten, der am besten passt.',
  routingOffHelp: 'Jedes Gespräch bleibt bei seinem Agenten.', routingTooFew: 'Es nehmen weniger als zwei Agenten teil: Gespräche bleiben bei ihrem Agenten.',
  takesPart: 'nimmt teil', takesNoPart: 'nimmt nicht teil', routingTopics: 'Themen', routingNoPublished: 'Noch kein Agent ist veröffentlicht.',
  routingTryTitle: 'Frage ausprobieren', routingCurrent: 'Gespräch ist gerade bei', routingNoCurrent: 'noch keinem Agenten',
  routingTry: 'Ausprobieren', routingWouldTake: 'Diese Frage übernimmt:', routingDecisions: 'Letzte Entscheidungen',
  routingWhen: 'Zeitpunkt', routingQuestion: 'Frage', routingAnswered: 'Agent', routingWhy: 'Warum',
  routedByModel: 'per Routing-Aufruf des Sprachmodells', routedByWords: 'nach den Worten der Frage (Übereinstimmung {score})',
  routedSwitched: 'wechselt von {from}', routedStayed: 'bleibt beim bisherigen Agenten', routedFirst: 'erste Zuordnung', routedNobody: 'unbekannt',
  routingDecisionsAdmins: 'Die Entscheidungen sehen nur Administratorinnen und Administratoren des Mandanten.',
  agentLimits: 'Kontingent und Kostengrenze', maxCostEur: 'Kostengrenze je Gespräch in Euro', maxCostEurHint: '(leer: keine Grenze)',
};

const en = {
  nav_inbox: 'Inbox', inbox: 'Inbox', inboxHelp: 'Requests a person must check, and conversations handed to a person. The list updates itself.',
  approvals: 'Approvals', noApprovals: 'No request is waiting for approval.', approvalFor: 'Approval: {tools}',
  question: 'Question', proposedCall: 'Proposed call: {tool}', callArguments: 'Arguments for {tool} (JSON, editable)',
  decisionNote: 'Comment (optional)', approve: 'Approve', reject: 'Reject', requestedAt: 'Requested', expiresAt: 'Expires',
  argumentsInvalid: 'The arguments of {tool} are not a JSON object.', approvedRun: 'Approved. The run continues – status: {status}.',
  rejectedRun: 'Rejected. The citizen receives a polite refusal.', answerNow: 'The assistant\'s answer',
  handoffs: 'Handoffs to staff', noHandoffs: 'No conversation is waiting for a person.', handoffTitle: 'Conversation: {reason}',
  summary: 'Summary', take: 'Take over', takenBy: 'Taken over by {name}', transcript: 'Transcript',
  writeToCitizen: 'Message to the citizen', send: 'Send', endHandoff: 'Hand back to the assistant',
  endNote: 'Closing note (optional)', handoffEnded: 'The conversation is back with the assistant.', sent: 'Sent.',
  who_user: 'Citizen', who_assistant: 'Assistant', who_staff: 'Staff',
  hs_waiting: 'waiting', hs_active: 'in progress', hs_ended: 'ended',
  rs_running: 'running', rs_awaiting_approval: 'awaiting approval', rs_completed: 'completed', rs_failed: 'failed', rs_handed_over: 'handed over',
  hr_citizen_request: 'citizen\'s request', hr_repeated_no_answer: 'repeatedly no answer', hr_negative_feedback: 'negative feedback',
  hr_sensitive_topic: 'sensitive topic', hr_approval_denied: 'approval denied', hr_out_of_scope: 'out of scope',
  budget: 'Budget (tokens)', budgetSpent: '{today} used today, {month} this month', budgetSave: 'Save budget',
  budget_tokensPerConversation: 'Tokens per conversation', budget_tokensPerDay: 'Tokens per day', budget_tokensPerMonth: 'Tokens per month',
  nav_routing: 'Routing', routing: 'Routing between agents', routingAgents: 'Agents taking part',
  routingOn: 'on', routingOff: 'off', routingHelp: 'Each question of a conversation with one of these agents goes to the agent that fits best.',
  routingOffHelp: 'Every conversation stays with its agent.', routingTooFew: 'Fewer than two agents take part: conversations stay with their agent.',
  takesPart: 'takes part', takesNoPart: 'does not take part', routingTopics: 'Topics', routingNoPublished: 'No agent is published yet.',
  routingTryTitle: 'Try a question', routingCurrent: 'Conversation is currently with', routingNoCurrent: 'no agent yet',
  routingTry: 'Try', routingWouldTake: 'This question goes to:', routingDecisions: 'Recent decisions',
  routingWhen: 'Time', routingQuestion: 'Question', routingAnswered: 'Agent', routingWhy: 'Why',
  routedByModel: 'by the language model\'s routing call', routedByWords: 'by the words of the question (match {score})',
  routedSwitched: 'switches from {from}', routedStayed: 'stays with the same agent', routedFirst: 'first assignment', routedNobody: 'unknown',
  routingDecisionsAdmins: 'Only the tenant\'s administrators see the decisions.',
  agentLimits: 'Budget and cost cap', maxCostEur: 'Cost cap per conversation in euros', maxCostEurHint: '(empty: no cap)',
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
