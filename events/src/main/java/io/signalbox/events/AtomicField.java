package io.signalbox.events;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 131 columns of the canonical enriched event, in TSV order, with their value kind and the maximum length
 * enforced on string columns after enrichment (0 when there is no limit).
 *
 * <p>Lengths follow the enricher's defaults where they differ from the atomic schema ({@code page_url} and {@code
 * page_referrer} 10,000; {@code mkt_clickid} 1,000). Column 121 is named {@code refr_dvce_tstamp}, as in the
 * analytics SDKs and bad rows.
 */
public enum AtomicField {
    APP_ID("app_id", FieldType.STRING, 255),
    PLATFORM("platform", FieldType.STRING, 255),
    ETL_TSTAMP("etl_tstamp", FieldType.TIMESTAMP, 0),
    COLLECTOR_TSTAMP("collector_tstamp", FieldType.TIMESTAMP, 0),
    DVCE_CREATED_TSTAMP("dvce_created_tstamp", FieldType.TIMESTAMP, 0),
    EVENT("event", FieldType.STRING, 128),
    EVENT_ID("event_id", FieldType.STRING, 36),
    TXN_ID("txn_id", FieldType.INTEGER, 0),
    NAME_TRACKER("name_tracker", FieldType.STRING, 128),
    V_TRACKER("v_tracker", FieldType.STRING, 100),
    V_COLLECTOR("v_collector", FieldType.STRING, 100),
    V_ETL("v_etl", FieldType.STRING, 100),
    USER_ID("user_id", FieldType.STRING, 255),
    USER_IPADDRESS("user_ipaddress", FieldType.STRING, 128),
    USER_FINGERPRINT("user_fingerprint", FieldType.STRING, 128),
    DOMAIN_USERID("domain_userid", FieldType.STRING, 128),
    DOMAIN_SESSIONIDX("domain_sessionidx", FieldType.INTEGER, 0),
    NETWORK_USERID("network_userid", FieldType.STRING, 128),
    GEO_COUNTRY("geo_country", FieldType.STRING, 2),
    GEO_REGION("geo_region", FieldType.STRING, 3),
    GEO_CITY("geo_city", FieldType.STRING, 75),
    GEO_ZIPCODE("geo_zipcode", FieldType.STRING, 15),
    GEO_LATITUDE("geo_latitude", FieldType.COORDINATE, 0),
    GEO_LONGITUDE("geo_longitude", FieldType.COORDINATE, 0),
    GEO_REGION_NAME("geo_region_name", FieldType.STRING, 100),
    IP_ISP("ip_isp", FieldType.STRING, 100),
    IP_ORGANIZATION("ip_organization", FieldType.STRING, 128),
    IP_DOMAIN("ip_domain", FieldType.STRING, 128),
    IP_NETSPEED("ip_netspeed", FieldType.STRING, 100),
    PAGE_URL("page_url", FieldType.STRING, 10000),
    PAGE_TITLE("page_title", FieldType.STRING, 2000),
    PAGE_REFERRER("page_referrer", FieldType.STRING, 10000),
    PAGE_URLSCHEME("page_urlscheme", FieldType.STRING, 16),
    PAGE_URLHOST("page_urlhost", FieldType.STRING, 255),
    PAGE_URLPORT("page_urlport", FieldType.INTEGER, 0),
    PAGE_URLPATH("page_urlpath", FieldType.STRING, 3000),
    PAGE_URLQUERY("page_urlquery", FieldType.STRING, 6000),
    PAGE_URLFRAGMENT("page_urlfragment", FieldType.STRING, 3000),
    REFR_URLSCHEME("refr_urlscheme", FieldType.STRING, 16),
    REFR_URLHOST("refr_urlhost", FieldType.STRING, 255),
    REFR_URLPORT("refr_urlport", FieldType.INTEGER, 0),
    REFR_URLPATH("refr_urlpath", FieldType.STRING, 6000),
    REFR_URLQUERY("refr_urlquery", FieldType.STRING, 6000),
    REFR_URLFRAGMENT("refr_urlfragment", FieldType.STRING, 3000),
    REFR_MEDIUM("refr_medium", FieldType.STRING, 25),
    REFR_SOURCE("refr_source", FieldType.STRING, 50),
    REFR_TERM("refr_term", FieldType.STRING, 255),
    MKT_MEDIUM("mkt_medium", FieldType.STRING, 255),
    MKT_SOURCE("mkt_source", FieldType.STRING, 255),
    MKT_TERM("mkt_term", FieldType.STRING, 255),
    MKT_CONTENT("mkt_content", FieldType.STRING, 500),
    MKT_CAMPAIGN("mkt_campaign", FieldType.STRING, 255),
    CONTEXTS("contexts", FieldType.JSON, 0),
    SE_CATEGORY("se_category", FieldType.STRING, 1000),
    SE_ACTION("se_action", FieldType.STRING, 1000),
    SE_LABEL("se_label", FieldType.STRING, 4096),
    SE_PROPERTY("se_property", FieldType.STRING, 1000),
    SE_VALUE("se_value", FieldType.DECIMAL, 0),
    UNSTRUCT_EVENT("unstruct_event", FieldType.JSON, 0),
    TR_ORDERID("tr_orderid", FieldType.STRING, 255),
    TR_AFFILIATION("tr_affiliation", FieldType.STRING, 255),
    TR_TOTAL("tr_total", FieldType.DECIMAL, 0),
    TR_TAX("tr_tax", FieldType.DECIMAL, 0),
    TR_SHIPPING("tr_shipping", FieldType.DECIMAL, 0),
    TR_CITY("tr_city", FieldType.STRING, 255),
    TR_STATE("tr_state", FieldType.STRING, 255),
    TR_COUNTRY("tr_country", FieldType.STRING, 255),
    TI_ORDERID("ti_orderid", FieldType.STRING, 255),
    TI_SKU("ti_sku", FieldType.STRING, 255),
    TI_NAME("ti_name", FieldType.STRING, 255),
    TI_CATEGORY("ti_category", FieldType.STRING, 255),
    TI_PRICE("ti_price", FieldType.DECIMAL, 0),
    TI_QUANTITY("ti_quantity", FieldType.INTEGER, 0),
    PP_XOFFSET_MIN("pp_xoffset_min", FieldType.INTEGER, 0),
    PP_XOFFSET_MAX("pp_xoffset_max", FieldType.INTEGER, 0),
    PP_YOFFSET_MIN("pp_yoffset_min", FieldType.INTEGER, 0),
    PP_YOFFSET_MAX("pp_yoffset_max", FieldType.INTEGER, 0),
    USERAGENT("useragent", FieldType.STRING, 1000),
    BR_NAME("br_name", FieldType.STRING, 50),
    BR_FAMILY("br_family", FieldType.STRING, 50),
    BR_VERSION("br_version", FieldType.STRING, 50),
    BR_TYPE("br_type", FieldType.STRING, 50),
    BR_RENDERENGINE("br_renderengine", FieldType.STRING, 50),
    BR_LANG("br_lang", FieldType.STRING, 255),
    BR_FEATURES_PDF("br_features_pdf", FieldType.BOOLEAN, 0),
    BR_FEATURES_FLASH("br_features_flash", FieldType.BOOLEAN, 0),
    BR_FEATURES_JAVA("br_features_java", FieldType.BOOLEAN, 0),
    BR_FEATURES_DIRECTOR("br_features_director", FieldType.BOOLEAN, 0),
    BR_FEATURES_QUICKTIME("br_features_quicktime", FieldType.BOOLEAN, 0),
    BR_FEATURES_REALPLAYER("br_features_realplayer", FieldType.BOOLEAN, 0),
    BR_FEATURES_WINDOWSMEDIA("br_features_windowsmedia", FieldType.BOOLEAN, 0),
    BR_FEATURES_GEARS("br_features_gears", FieldType.BOOLEAN, 0),
    BR_FEATURES_SILVERLIGHT("br_features_silverlight", FieldType.BOOLEAN, 0),
    BR_COOKIES("br_cookies", FieldType.BOOLEAN, 0),
    BR_COLORDEPTH("br_colordepth", FieldType.STRING, 12),
    BR_VIEWWIDTH("br_viewwidth", FieldType.INTEGER, 0),
    BR_VIEWHEIGHT("br_viewheight", FieldType.INTEGER, 0),
    OS_NAME("os_name", FieldType.STRING, 50),
    OS_FAMILY("os_family", FieldType.STRING, 50),
    OS_MANUFACTURER("os_manufacturer", FieldType.STRING, 50),
    OS_TIMEZONE("os_timezone", FieldType.STRING, 255),
    DVCE_TYPE("dvce_type", FieldType.STRING, 50),
    DVCE_ISMOBILE("dvce_ismobile", FieldType.BOOLEAN, 0),
    DVCE_SCREENWIDTH("dvce_screenwidth", FieldType.INTEGER, 0),
    DVCE_SCREENHEIGHT("dvce_screenheight", FieldType.INTEGER, 0),
    DOC_CHARSET("doc_charset", FieldType.STRING, 128),
    DOC_WIDTH("doc_width", FieldType.INTEGER, 0),
    DOC_HEIGHT("doc_height", FieldType.INTEGER, 0),
    TR_CURRENCY("tr_currency", FieldType.STRING, 3),
    TR_TOTAL_BASE("tr_total_base", FieldType.DECIMAL, 0),
    TR_TAX_BASE("tr_tax_base", FieldType.DECIMAL, 0),
    TR_SHIPPING_BASE("tr_shipping_base", FieldType.DECIMAL, 0),
    TI_CURRENCY("ti_currency", FieldType.STRING, 3),
    TI_PRICE_BASE("ti_price_base", FieldType.DECIMAL, 0),
    BASE_CURRENCY("base_currency", FieldType.STRING, 3),
    GEO_TIMEZONE("geo_timezone", FieldType.STRING, 64),
    MKT_CLICKID("mkt_clickid", FieldType.STRING, 1000),
    MKT_NETWORK("mkt_network", FieldType.STRING, 64),
    ETL_TAGS("etl_tags", FieldType.STRING, 500),
    DVCE_SENT_TSTAMP("dvce_sent_tstamp", FieldType.TIMESTAMP, 0),
    REFR_DOMAIN_USERID("refr_domain_userid", FieldType.STRING, 128),
    REFR_DVCE_TSTAMP("refr_dvce_tstamp", FieldType.TIMESTAMP, 0),
    DERIVED_CONTEXTS("derived_contexts", FieldType.JSON, 0),
    DOMAIN_SESSIONID("domain_sessionid", FieldType.STRING, 128),
    DERIVED_TSTAMP("derived_tstamp", FieldType.TIMESTAMP, 0),
    EVENT_VENDOR("event_vendor", FieldType.STRING, 1000),
    EVENT_NAME("event_name", FieldType.STRING, 1000),
    EVENT_FORMAT("event_format", FieldType.STRING, 128),
    EVENT_VERSION("event_version", FieldType.STRING, 128),
    EVENT_FINGERPRINT("event_fingerprint", FieldType.STRING, 128),
    TRUE_TSTAMP("true_tstamp", FieldType.TIMESTAMP, 0);

    /** All fields in TSV column order. */
    public static final List<AtomicField> ALL = List.of(values());

    /** The number of columns of an enriched TSV line. */
    public static final int COUNT = ALL.size();

    private static final Map<String, AtomicField> BY_NAME = new HashMap<>();

    static {
        for (AtomicField field : ALL) {
            BY_NAME.put(field.columnName, field);
        }
    }

    private final String columnName;
    private final FieldType type;
    private final int maxLength;

    AtomicField(String columnName, FieldType type, int maxLength) {
        this.columnName = columnName;
        this.type = type;
        this.maxLength = maxLength;
    }

    /** The snake_case column name, as in the TSV header, the warehouse and the Signals API. */
    public String columnName() {
        return columnName;
    }

    public FieldType type() {
        return type;
    }

    /** The longest string this column may hold, or 0 when unlimited or not a string column. */
    public int maxLength() {
        return maxLength;
    }

    /** Finds a field by its column name, ignoring case; {@code null} when there is no such column. */
    public static AtomicField byName(String columnName) {
        AtomicField exact = BY_NAME.get(columnName);
        return exact != null ? exact : BY_NAME.get(columnName.toLowerCase(Locale.ROOT));
    }
}
