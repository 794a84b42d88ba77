/**
 * Browser tests: {@link dev.themis.testkit.browser.HeadlessChromium}, a headless Chromium driven by Selenium.
 * The only package of the testkit that uses Selenium, an optional dependency.
 */
package dev.themis.testkit.browser;
