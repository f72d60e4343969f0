/**
 * Voice: text-to-speech and speech-to-text behind one provider SPI, espeak-ng as the offline German default with
 * phoneme timings, and the mapping of phonemes to the 15 Oculus visemes that drive an avatar's mouth.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Voice")
package de.wattos.voice;
