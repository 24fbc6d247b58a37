package io.signalbox.api.interventions;

/**
 * One recipient of interventions: an attribute key and one of its identifiers.
 *
 * @param keyName the attribute key, such as {@code domain_userid}
 * @param id the identifier, such as the visitor's domain user id
 */
public record Target(String keyName, String id) {}
