// Texts of the F13 connection page: German first, English second. Merged into the console's dictionaries when a view
// module imports this file.
import { TEXTS } from './i18n.js';

const de = {
  nav_f13: 'F13', f13: 'F13-Verbindung',
  f13Intro: 'F13 ist die KI-Plattform der Landesverwaltung Baden-Württemberg. Hier verbinden Sie WattOS mit ihr: als Sprachmodell, als zusätzliche Wissensquelle im Chat und für Zusammenfassungen von Dokumenten.',
  f13NotConfigured: 'Noch keine F13-Verbindung eingerichtet.',
  f13Connection: 'Verbindung', f13BaseUrl: 'Adresse von F13 (Basis-URL)', f13Guest: 'Gastmodus (ohne Anmeldung bei Keycloak)',
  f13ClientId: 'Client-ID (Keycloak)', f13ClientSecret: 'Client-Geheimnis',
  f13SecretKept: 'Gespeichert: {hint}. Leer lassen, um es zu behalten.', f13SecretNone: 'Noch keines gespeichert.',
  f13SecretRemove: 'Gespeichertes Geheimnis entfernen', f13Realm: 'Realm (Keycloak)', f13ChatModel: 'Sprachmodell in F13',
  f13RagEnabled: 'F13 als zusätzliche Wissensquelle im Chat verwenden', f13RagTimeout: 'Wartezeit auf F13 im Chat (ms)',
  f13Sources: 'Wissensquellen in F13', f13SourcesAll: 'Alle Quellen von F13 werden durchsucht.',
  f13SourcesChosen: 'Durchsucht werden nur: {names}', f13SourcesLoad: 'Quellen von F13 laden',
  f13SourcesHint: 'Keine Quelle angehakt heißt: alle Quellen.', f13SourcesEmpty: 'F13 nennt keine Quellen.',
  f13Save: 'Verbindung speichern', f13Updated: 'Zuletzt geändert: {when}',
  f13Try: 'Probesuche in F13', f13Query: 'Frage', f13Search: 'In F13 suchen', f13Answer: 'Antwort von F13',
  f13NoSources: 'F13 nannte keine Quellen.', f13ReadOnly: 'Nur Mandanten-Administratoren können die Verbindung ändern.'
};

const en = {
  nav_f13: 'F13', f13: 'F13 connection',
  f13Intro: 'F13 is the AI platform of the Baden-Württemberg state administration. Connect WattOS to it here: as a language model, as an additional knowledge source in chat and for summaries of documents.',
  f13NotConfigured: 'No F13 connection set up yet.',
  f13Connection: 'Connection', f13BaseUrl: 'F13 address (base URL)', f13Guest: 'Guest mode (no Keycloak sign-in)',
  f13ClientId: 'Client ID (Keycloak)', f13ClientSecret: 'Client secret',
  f13SecretKept: 'Stored: {hint}. Leave empty to keep it.', f13SecretNone: 'None stored yet.',
  f13SecretRemove: 'Remove the stored secret', f13Realm: 'Realm (Keycloak)', f13ChatModel: 'Language model in F13',
  f13RagEnabled: 'Use F13 as an additional knowledge source in chat', f13RagTimeout: 'Wait for F13 in chat (ms)',
  f13Sources: 'Knowledge sources in F13', f13SourcesAll: 'All of F13\'s sources are searched.',
  f13SourcesChosen: 'Only these are searched: {names}', f13SourcesLoad: 'Load F13\'s sources',
  f13SourcesHint: 'None ticked means: all sources.', f13SourcesEmpty: 'F13 names no sources.',
  f13Save: 'Save connection', f13Updated: 'Last changed: {when}',
  f13Try: 'Test search in F13', f13Query: 'Question', f13Search: 'Search F13', f13Answer: 'F13\'s answer',
  f13NoSources: 'F13 named no sources.', f13ReadOnly: 'Only tenant administrators can change the connection.'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
