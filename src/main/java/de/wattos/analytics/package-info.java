/**
 * Analytics: rollups fed by module events (never by other modules' tables), KPIs and trends, unanswered-question
 * mining, conversation logs and exports, dashboards and reports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package de.wattos.analytics;
