/**
 * QuickTheories adapters for the testkit's framework-neutral generators. QuickTheories is an optional dependency:
 * a project using this package adds {@code org.quicktheories:quicktheories} itself.
 */
package dev.themis.testkit.quicktheories;
