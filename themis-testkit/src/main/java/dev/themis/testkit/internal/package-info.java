/** Implementation details of the testkit: not API, may change without notice. */
package dev.themis.testkit.internal;
