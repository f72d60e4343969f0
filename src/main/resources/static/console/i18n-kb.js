// Texts of the review queue (crawl changes under approval): German first, English second. Merged into the console's
// dictionaries when a view module imports this file.
import { TEXTS } from './i18n.js';

const de = {
  requiresApproval: 'Änderungen erst nach Freigabe übernehmen (neue, geänderte und entfernte Seiten)',
  nav_reviews: 'Freigaben', reviews: 'Freigaben', review: 'Änderung prüfen',
  reviewIntro: 'Änderungen von Webseiten-Quellen mit Freigabepflicht. Bis zur Freigabe antwortet der Assistent mit der bisherigen Fassung.',
  reviewStatus: 'Anzeigen', reviewStatus_pending: 'Wartet auf Freigabe', reviewStatus_approved: 'Freigegeben',
  reviewStatus_rejected: 'Abgelehnt', reviewStatus_superseded: 'Überholt', reviewStatus_all: 'Alle',
  rv_changeKind: 'Art', rv_page: 'Seite', rv_detected: 'Gefunden', rv_decided: 'Entschieden', selectChange: '{title} auswählen',
  selectAll: 'Alle auf dieser Seite auswählen', approveSelected: 'Ausgewählte freigeben', rv_open: 'Prüfen',
  bulkDone: '{n} Änderungen freigegeben, {failed} nicht.', nothingSelected: 'Bitte zuerst Änderungen auswählen.',
  oldVersion: 'Bisherige Fassung (wird ausgeliefert)', newVersion: 'Neue Fassung', noText: '(kein Text)',
  diffSummary: '{removed} Sätze entfallen, {added} Sätze neu. Geänderte Sätze sind markiert.',
  removedSentence: 'entfällt', addedSentence: 'neu',
  rv_approve: 'Freigeben', rv_reject: 'Ablehnen', rv_comment: 'Kommentar (optional)', keysHint: 'Tastatur: A freigeben, R ablehnen, N nächste Änderung.',
  approvedMsg: 'Freigegeben.', rejectedMsg: 'Abgelehnt – die bisherige Fassung bleibt.', backToQueue: 'Zurück zur Liste',
  nextChange: 'Nächste Änderung', queueEmpty: 'Keine Änderungen warten auf Freigabe.', decidedBy: 'von {by}',
  nav_sync: 'Synchronisation', sync: 'Synchronisation',
  syncIntro: 'Freigegebenes Wissen geht an diese Ziele. Geheimnisse werden nie wieder angezeigt, nur ihre letzten Zeichen.',
  syncType_webhook: 'Webhook (signiertes JSON)', 'syncType_file-export': 'Exportdatei (JSONL/ZIP)', syncType_f13: 'F13',
  syncAddress: 'Adresse (URL)', syncSecret: 'Geheimnis', syncSecretHint: '(Signaturschlüssel oder Client-Secret; wird nicht wieder angezeigt)',
  syncPending: 'Wartend', syncDelivered: 'Zugestellt', syncDead: 'Gescheitert', syncLast: 'Zuletzt zugestellt',
  syncTest: 'Verbindung testen', syncRetry: 'Erneut versuchen', syncTestOk: 'Verbindung zu {name} in Ordnung ({ms} ms).',
  syncTestFailed: 'Verbindung zu {name} gescheitert: {reason}', syncRetried: '{n} Einträge werden erneut zugestellt.',
  syncItemsOf: 'Zustellungen an {name}', syncShow: 'Anzeigen', syncItem: 'Eintrag', syncAttempts: 'Versuche',
  syncReason: 'Grund des Scheiterns', syncWhen: 'Zugestellt / nächster Versuch', syncDeleted: '(entfernt)',
  syncStatus_all: 'Alle', syncStatus_pending: 'Wartend', syncStatus_delivered: 'Zugestellt', syncStatus_dead: 'Gescheitert',
  syncNew: 'Neues Ziel', syncTokenUrl: 'Keycloak-Token-Adresse', syncClientId: 'Client-ID', syncAudience: 'Audience',
  syncGuest: 'Gastmodus (ohne Keycloak)'
};

const en = {
  requiresApproval: 'Apply changes only after approval (new, changed and removed pages)',
  nav_reviews: 'Approvals', reviews: 'Approvals', review: 'Review change',
  reviewIntro: 'Changes of website sources that require approval. Until approved, the assistant answers from the previous version.',
  reviewStatus: 'Show', reviewStatus_pending: 'Awaiting approval', reviewStatus_approved: 'Approved',
  reviewStatus_rejected: 'Rejected', reviewStatus_superseded: 'Superseded', reviewStatus_all: 'All',
  rv_changeKind: 'Kind', rv_page: 'Page', rv_detected: 'Found', rv_decided: 'Decided', selectChange: 'Select {title}',
  selectAll: 'Select all on this page', approveSelected: 'Approve selected', rv_open: 'Review',
  bulkDone: '{n} changes approved, {failed} not.', nothingSelected: 'Select changes first.',
  oldVersion: 'Previous version (being served)', newVersion: 'New version', noText: '(no text)',
  diffSummary: '{removed} sentences dropped, {added} sentences new. Changed sentences are marked.',
  removedSentence: 'dropped', addedSentence: 'new',
  rv_approve: 'Approve', rv_reject: 'Reject', rv_comment: 'Comment (optional)', keysHint: 'Keyboard: A approve, R reject, N next change.',
  approvedMsg: 'Approved.', rejectedMsg: 'Rejected – the previous version stays.', backToQueue: 'Back to the list',
  nextChange: 'Next change', queueEmpty: 'No changes await approval.', decidedBy: 'by {by}',
  nav_sync: 'Sync', sync: 'Sync',
  syncIntro: 'Approved knowledge goes to these targets. Secrets are never shown again, only their last characters.',
  syncType_webhook: 'Webhook (signed JSON)', 'syncType_file-export': 'Export file (JSONL/ZIP)', syncType_f13: 'F13',
  syncAddress: 'Address (URL)', syncSecret: 'Secret', syncSecretHint: '(signing key or client secret; not shown again)',
  syncPending: 'Pending', syncDelivered: 'Delivered', syncDead: 'Failed', syncLast: 'Last delivered',
  syncTest: 'Test connection', syncRetry: 'Retry', syncTestOk: 'Connection to {name} works ({ms} ms).',
  syncTestFailed: 'Connection to {name} failed: {reason}', syncRetried: '{n} items are delivered again.',
  syncItemsOf: 'Deliveries to {name}', syncShow: 'Show', syncItem: 'Item', syncAttempts: 'Attempts',
  syncReason: 'Why it failed', syncWhen: 'Delivered / next attempt', syncDeleted: '(removed)',
  syncStatus_all: 'All', syncStatus_pending: 'Pending', syncStatus_delivered: 'Delivered', syncStatus_dead: 'Failed',
  syncNew: 'New target', syncTokenUrl: 'Keycloak token URL', syncClientId: 'Client ID', syncAudience: 'Audience',
  syncGuest: 'Guest mode (no Keycloak)'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
