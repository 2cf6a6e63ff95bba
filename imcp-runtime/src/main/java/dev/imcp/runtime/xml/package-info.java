/**
 * Hardened XML parsing shared by every part of the runtime that reads XML from outside
 * ({@link dev.imcp.runtime.xml.SafeXml}).
 */
package dev.imcp.runtime.xml;
