/**
 * The admin web console (static assets); it uses the public REST API only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package de.wattos.console;
