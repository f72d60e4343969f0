/**
 * Website crawler: robots, sitemaps, extraction, schedules, crawl runs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Crawl")
package de.wattos.crawl;
