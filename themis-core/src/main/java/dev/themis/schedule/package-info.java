/**
 * Proactive scaling: {@link dev.themis.schedule.Schedule} sets floors and caps by time, from the original's
 * {@code time_based_scaling} regexes and from cron windows with IANA zones; the first matching entry in declaration
 * order wins and overlaps are reported as warnings.
 */
package dev.themis.schedule;
