package io.signalbox.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the {@link Enricher} turns collector payloads into enriched events and bad rows.
 *
 * <p>Start from {@link #defaults()} and replace what differs with the {@code with…} methods. Every component is
 * checked when it is built, so a bad configuration fails at startup with the name of the setting and its value.
 *
 * @param processorArtifact the name written as {@code processor.artifact} in bad rows and as the first part of {@code
 *     v_etl}
 * @param processorVersion the version written as {@code processor.version} in bad rows and as the second part of
 *     {@code v_etl}; must look like {@code 1.2.3}, as the bad-row schemas require
 * @param maxPayloadBytes a collector payload larger than this ({@link CollectorPayload#sizeInBytes()}) becomes one
 *     {@code size_violation} bad row
 * @param referrerParserEnabled whether referrers are classified into {@code refr_medium}, {@code refr_source} and
 *     {@code refr_term}
 * @param internalReferrerDomains referrer hosts that count as internal besides the page's own host
 * @param ipAnonymisation how {@code user_ipaddress} is masked
 * @param fingerprint how {@code event_fingerprint} is computed
 * @param campaign how {@code mkt_*} fields are read from the page URL
 * @param crossNavigationEntity whether an extended {@code _sp} cross-domain parameter adds a {@code
 *     cross_navigation} entity to {@code derived_contexts}
 * @param yauaaEnabled whether a {@code nl.basjes/yauaa_context} entity is derived from the user agent
 * @param userAgentCacheSize how many parsed user agents are kept
 * @param iglu where schemas are resolved from
 */
public record EnricherConfig(
        String processorArtifact,
        String processorVersion,
        long maxPayloadBytes,
        boolean referrerParserEnabled,
        List<String> internalReferrerDomains,
        IpAnonymisation ipAnonymisation,
        Fingerprint fingerprint,
        Campaign campaign,
        boolean crossNavigationEntity,
        boolean yauaaEnabled,
        int userAgentCacheSize,
        Iglu iglu) {

    /** 1 MiB, the reference collector's {@code maxPayloadSize}. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;

    private static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+\\.\\d+.*$");

    public EnricherConfig {
        Objects.requireNonNull(processorArtifact, "processorArtifact");
        Objects.requireNonNull(processorVersion, "processorVersion");
        if (processorArtifact.isBlank() || processorArtifact.length() > 512) {
            throw new IllegalArgumentException(
                    "processorArtifact must be 1 to 512 characters, was '" + processorArtifact + "'");
        }
        if (!VERSION.matcher(processorVersion).matches() || processorVersion.length() > 32) {
            throw new IllegalArgumentException(
                    "processorVersion must look like 1.2.3 and be at most 32 characters, was '" + processorVersion
                            + "'");
        }
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        if (userAgentCacheSize < 0) {
            throw new IllegalArgumentException("userAgentCacheSize must not be negative, was " + userAgentCacheSize);
        }
        internalReferrerDomains = internalReferrerDomains.stream()
                .map(domain -> domain.toLowerCase(Locale.ROOT))
                .toList();
        Objects.requireNonNull(ipAnonymisation, "ipAnonymisation");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(iglu, "iglu");
    }

    /**
     * The standard setup: referrer parser, campaign attribution (utm_* and the standard click ids), MD5 event
     * fingerprint and YAUAA on; IP anonymisation and the cross-navigation entity off; only the built-in Iglu
     * repository; 1 MiB payload limit; processor {@code signalbox} version {@code 0.1.0}.
     */
    public static EnricherConfig defaults() {
        return new EnricherConfig(
                "signalbox",
                "0.1.0",
                DEFAULT_MAX_PAYLOAD_BYTES,
                true,
                List.of(),
                IpAnonymisation.off(),
                Fingerprint.defaults(),
                Campaign.defaults(),
                false,
                true,
                10_000,
                Iglu.defaults());
    }

    /** The {@code v_etl} value, {@code <artifact>-<version>}. */
    public String etlVersion() {
        return processorArtifact + "-" + processorVersion;
    }

    public EnricherConfig withProcessor(String artifact, String version) {
        return new EnricherConfig(
                artifact,
                version,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                fingerprint,
                campaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withMaxPayloadBytes(long bytes) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                bytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                fingerprint,
                campaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withReferrerParser(boolean enabled, List<String> internalDomains) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                enabled,
                internalDomains,
                ipAnonymisation,
                fingerprint,
                campaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withIpAnonymisation(IpAnonymisation anonymisation) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                anonymisation,
                fingerprint,
                campaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withFingerprint(Fingerprint newFingerprint) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                newFingerprint,
                campaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withCampaign(Campaign newCampaign) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                fingerprint,
                newCampaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withCrossNavigationEntity(boolean enabled) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                fingerprint,
                campaign,
                enabled,
                yauaaEnabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withYauaa(boolean enabled) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                fingerprint,
                campaign,
                crossNavigationEntity,
                enabled,
                userAgentCacheSize,
                iglu);
    }

    public EnricherConfig withIglu(Iglu newIglu) {
        return new EnricherConfig(
                processorArtifact,
                processorVersion,
                maxPayloadBytes,
                referrerParserEnabled,
                internalReferrerDomains,
                ipAnonymisation,
                fingerprint,
                campaign,
                crossNavigationEntity,
                yauaaEnabled,
                userAgentCacheSize,
                newIglu);
    }

    /**
     * IP anonymisation: the last {@code ipv4Octets} octets of an IPv4 address, or the last {@code ipv6Segments}
     * groups of an IPv6 address, become {@code x}.
     *
     * @param enabled whether addresses are masked at all
     * @param ipv4Octets 1 to 4
     * @param ipv6Segments 1 to 8
     */
    public record IpAnonymisation(boolean enabled, int ipv4Octets, int ipv6Segments) {
        public IpAnonymisation {
            if (ipv4Octets < 1 || ipv4Octets > 4) {
                throw new IllegalArgumentException("ipv4Octets must be 1 to 4, was " + ipv4Octets);
            }
            if (ipv6Segments < 1 || ipv6Segments > 8) {
                throw new IllegalArgumentException("ipv6Segments must be 1 to 8, was " + ipv6Segments);
            }
        }

        /** No masking. */
        public static IpAnonymisation off() {
            return new IpAnonymisation(false, 1, 1);
        }

        /** Masks the given number of IPv4 octets and IPv6 groups. */
        public static IpAnonymisation masking(int ipv4Octets, int ipv6Segments) {
            return new IpAnonymisation(true, ipv4Octets, ipv6Segments);
        }
    }

    /**
     * The event fingerprint: a hash of the raw parameters, sorted by name, without the excluded ones.
     *
     * @param enabled whether {@code event_fingerprint} is set
     * @param algorithm {@code MD5}, {@code SHA1}, {@code SHA256}, {@code SHA384} or {@code SHA512}
     * @param excludedParameters parameters left out of the hash
     */
    public record Fingerprint(boolean enabled, String algorithm, Set<String> excludedParameters) {
        private static final Map<String, String> JAVA_NAMES =
                Map.of("MD5", "MD5", "SHA1", "SHA-1", "SHA256", "SHA-256", "SHA384", "SHA-384", "SHA512", "SHA-512");

        public Fingerprint {
            Objects.requireNonNull(algorithm, "algorithm");
            if (!JAVA_NAMES.containsKey(algorithm)) {
                throw new IllegalArgumentException(
                        "fingerprint algorithm must be one of MD5, SHA1, SHA256, SHA384, SHA512, was '" + algorithm
                                + "'");
            }
            excludedParameters = Set.copyOf(excludedParameters);
        }

        /** On, MD5, excluding {@code eid}, {@code nuid}, {@code stm} and {@code cv}. */
        public static Fingerprint defaults() {
            return new Fingerprint(true, "MD5", Set.of("eid", "nuid", "stm", "cv"));
        }

        /** No fingerprint. */
        public static Fingerprint off() {
            return new Fingerprint(false, "MD5", Set.of());
        }

        /** The JDK {@link java.security.MessageDigest} name of the algorithm. */
        String javaAlgorithm() {
            return JAVA_NAMES.get(algorithm);
        }
    }

    /**
     * Campaign attribution from the page URL's query string. For each field the first listed parameter present in
     * the query wins.
     *
     * @param enabled whether the {@code mkt_*} fields are set
     * @param mediumParameters parameters for {@code mkt_medium}
     * @param sourceParameters parameters for {@code mkt_source}
     * @param termParameters parameters for {@code mkt_term}
     * @param contentParameters parameters for {@code mkt_content}
     * @param campaignParameters parameters for {@code mkt_campaign}
     * @param clickIds click-id parameter to advertising network, for {@code mkt_clickid} and {@code mkt_network}
     */
    public record Campaign(
            boolean enabled,
            List<String> mediumParameters,
            List<String> sourceParameters,
            List<String> termParameters,
            List<String> contentParameters,
            List<String> campaignParameters,
            Map<String, String> clickIds) {

        public Campaign {
            mediumParameters = List.copyOf(mediumParameters);
            sourceParameters = List.copyOf(sourceParameters);
            termParameters = List.copyOf(termParameters);
            contentParameters = List.copyOf(contentParameters);
            campaignParameters = List.copyOf(campaignParameters);
            clickIds = Map.copyOf(clickIds);
        }

        /** The {@code utm_*} parameters and click ids {@code gclid}, {@code msclkid} and {@code dclid}. */
        public static Campaign defaults() {
            return new Campaign(
                    true,
                    List.of("utm_medium"),
                    List.of("utm_source"),
                    List.of("utm_term"),
                    List.of("utm_content"),
                    List.of("utm_campaign"),
                    standardClickIds());
        }

        /** No campaign attribution. */
        public static Campaign off() {
            return new Campaign(false, List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
        }

        /** This configuration with more click ids; a name already present is remapped. */
        public Campaign withClickIds(Map<String, String> extra) {
            Map<String, String> merged = new LinkedHashMap<>(clickIds);
            merged.putAll(extra);
            return new Campaign(
                    enabled,
                    mediumParameters,
                    sourceParameters,
                    termParameters,
                    contentParameters,
                    campaignParameters,
                    merged);
        }

        private static Map<String, String> standardClickIds() {
            return Map.of("gclid", "Google", "msclkid", "Microsoft", "dclid", "DoubleClick");
        }
    }

    /**
     * Where schemas come from, in this order: the built-in repository, then {@code localRepositories}, then {@code
     * remoteRepositories}.
     *
     * @param localRepositories directories laid out as static Iglu repositories ({@code
     *     <dir>/schemas/<vendor>/<name>/jsonschema/<version>})
     * @param remoteRepositories base URLs of static Iglu repositories, fetched as {@code
     *     <base>/schemas/<vendor>/<name>/jsonschema/<version>}
     * @param cacheSize how many resolved schemas are kept
     * @param cacheTtl how long a found schema is kept
     * @param notFoundTtl how long a failed lookup is remembered before it is tried again
     * @param httpTimeout the connect and request timeout for a remote repository
     */
    public record Iglu(
            List<Path> localRepositories,
            List<URI> remoteRepositories,
            int cacheSize,
            Duration cacheTtl,
            Duration notFoundTtl,
            Duration httpTimeout) {

        public Iglu {
            localRepositories = List.copyOf(localRepositories);
            remoteRepositories = List.copyOf(remoteRepositories);
            for (URI remote : remoteRepositories) {
                String scheme = remote.getScheme();
                if (!"http".equals(scheme) && !"https".equals(scheme)) {
                    throw new IllegalArgumentException(
                            "remote Iglu repositories must be http or https URLs, was '" + remote + "'");
                }
            }
            if (cacheSize < 1) {
                throw new IllegalArgumentException("Iglu cacheSize must be positive, was " + cacheSize);
            }
            requirePositive("cacheTtl", cacheTtl);
            requirePositive("notFoundTtl", notFoundTtl);
            requirePositive("httpTimeout", httpTimeout);
        }

        /** Only the built-in repository; 1,000 schemas kept 1 hour, failed lookups 30 seconds, 5 s timeout. */
        public static Iglu defaults() {
            return new Iglu(
                    List.of(), List.of(), 1000, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
        }

        public Iglu withLocalRepositories(List<Path> directories) {
            return new Iglu(directories, remoteRepositories, cacheSize, cacheTtl, notFoundTtl, httpTimeout);
        }

        public Iglu withRemoteRepositories(List<URI> baseUrls) {
            return new Iglu(localRepositories, baseUrls, cacheSize, cacheTtl, notFoundTtl, httpTimeout);
        }

        private static void requirePositive(String name, Duration duration) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("Iglu " + name + " must be positive, was " + duration);
            }
        }
    }
}
