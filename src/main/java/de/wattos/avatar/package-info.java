/**
 * Avatars: a per-tenant repository of talking-head models (GLB), validated for what a lip-synced avatar needs
 * (glTF 2.0, a TalkingHead-compatible rig, the 15 Oculus viseme morph targets), processed into texture-size variants
 * and thumbnails, plus a default avatar generated in code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Avatar")
package de.wattos.avatar;
