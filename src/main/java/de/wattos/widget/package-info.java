/**
 * Widget configurations, embed code, public widget API, visitor tokens, abuse controls.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Widget")
package de.wattos.widget;
