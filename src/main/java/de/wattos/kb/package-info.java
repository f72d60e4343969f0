/**
 * Knowledge under human approval: the review queue of crawl changes and the sync of approved knowledge to other
 * systems (sync-target SPI and outbox).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge base")
package de.wattos.kb;
