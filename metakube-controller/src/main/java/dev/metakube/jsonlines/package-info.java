/** Reading JSON Lines files (bundled experience, scenarios), with errors that name the file and line. */
package dev.metakube.jsonlines;
