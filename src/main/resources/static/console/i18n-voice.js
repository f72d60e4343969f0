// Texts of the voice and avatar pages: German first, English second. Merged into the console's dictionaries when a
// view module imports this file.
import { TEXTS } from './i18n.js';

const de = {
  nav_voice: 'Stimmen', voice: 'Stimmen und Sprachdienste',
  vcIntro: 'Wie der Assistent spricht und zuhört. espeak-ng ist eingebaut und braucht keinen Dienst; Cloud-Dienste (OpenAI-kompatibel, ElevenLabs, Azure) und Spracherkennung richten Sie hier ein. Schlüssel werden verschlüsselt gespeichert und nie wieder angezeigt.',
  vcBuiltIn: 'espeak-ng (eingebaut, offline)', vcBuiltInOk: 'verfügbar', vcBuiltInMissing: 'nicht installiert: {why}',
  vcPurpose: 'Zweck', vcPurpose_speech: 'Sprachausgabe', vcPurpose_transcription: 'Spracherkennung',
  vcType_espeak: 'espeak-ng (eingebaut)', vcType_openai: 'OpenAI-kompatibel', vcType_elevenlabs: 'ElevenLabs', vcType_azure: 'Azure Speech (REST)',
  'vcType_azure-websocket': 'Azure Speech (WebSocket, mit Visemen)',
  vcRegion: 'Region (Azure)', vcModel: 'Modell', vcVoice: 'Stimme', vcVoiceHint: '(z. B. de, de+f3 bei espeak-ng; nova bei OpenAI)',
  vcKeyStored: 'hinterlegt', vcNoKey: 'keiner', vcNewProvider: 'Sprachdienst hinzufügen', vcTimeout: 'Zeitlimit (Sekunden)',
  vcPreview: 'Probehören', vcPreviewText: 'Text zum Probehören', vcPreviewSample: 'Guten Tag, ich bin der digitale Assistent Ihrer Gemeinde. Wie kann ich helfen?',
  vcPreviewOk: 'Vorschau bereit: {provider}, {ms} ms Audio, {visemes} Mundbilder.', vcProvider: 'Dienst', vcDefaultProvider: 'Standard des Mandanten',
  vcPreviewOf: 'Probehören: {name}', vcTestOnlySpeech: 'Spracherkennung wird beim ersten Mikrofon-Einsatz geprüft.',
  vcCharacters: 'Stimme je Charakter', vcCharactersIntro: 'Der Charakter, der antwortet, spricht mit dieser Stimme (im Widget). Ohne Auswahl gilt der Standard des Mandanten.',
  vcRate: 'Tempo', vcSaveFor: 'Stimme für {name} speichern', vcNoCharacters: 'Noch keine Charaktere angelegt.',
  vcAudio: 'Vorschau-Audio'
};

const en = {
  nav_voice: 'Voices', voice: 'Voices and speech services',
  vcIntro: 'How the assistant speaks and listens. espeak-ng is built in and needs no service; cloud services (OpenAI-compatible, ElevenLabs, Azure) and speech recognition are set up here. Keys are stored encrypted and never shown again.',
  vcBuiltIn: 'espeak-ng (built in, offline)', vcBuiltInOk: 'available', vcBuiltInMissing: 'not installed: {why}',
  vcPurpose: 'Purpose', vcPurpose_speech: 'Speech output', vcPurpose_transcription: 'Speech recognition',
  vcType_espeak: 'espeak-ng (built in)', vcType_openai: 'OpenAI-compatible', vcType_elevenlabs: 'ElevenLabs', vcType_azure: 'Azure Speech (REST)',
  'vcType_azure-websocket': 'Azure Speech (WebSocket, with visemes)',
  vcRegion: 'Region (Azure)', vcModel: 'Model', vcVoice: 'Voice', vcVoiceHint: '(e.g. de, de+f3 for espeak-ng; nova for OpenAI)',
  vcKeyStored: 'stored', vcNoKey: 'none', vcNewProvider: 'Add speech service', vcTimeout: 'Time limit (seconds)',
  vcPreview: 'Preview', vcPreviewText: 'Text to preview', vcPreviewSample: 'Good day, I am your municipality\'s digital assistant. How can I help?',
  vcPreviewOk: 'Preview ready: {provider}, {ms} ms of audio, {visemes} mouth shapes.', vcProvider: 'Service', vcDefaultProvider: 'Tenant default',
  vcPreviewOf: 'Preview: {name}', vcTestOnlySpeech: 'Speech recognition is checked when the microphone is first used.',
  vcCharacters: 'Voice per character', vcCharactersIntro: 'The answering character speaks with this voice (in the widget). Without a choice the tenant default applies.',
  vcRate: 'Pace', vcSaveFor: 'Save voice for {name}', vcNoCharacters: 'No characters yet.',
  vcAudio: 'Preview audio'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
