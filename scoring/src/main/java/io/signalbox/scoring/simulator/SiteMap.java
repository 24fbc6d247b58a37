package io.signalbox.scoring.simulator;

import java.util.List;

/** The pages of the simulated B2B marketing site, by kind. */
final class SiteMap {
    /** What a page is about: the simulated prospects choose their next page by kind. */
    enum Kind {
        HOME,
        PRODUCT,
        VIDEO,
        SOLUTIONS,
        CUSTOMERS,
        CASE_STUDY,
        PRICING,
        BLOG,
        DOCS,
        DEMO
    }

    record Page(String path, String title, Kind kind) {}

    static final List<Page> PAGES = List.of(
            new Page("/", "Signalbox Analytics - Real-time customer intelligence", Kind.HOME),
            new Page("/product", "Product", Kind.PRODUCT),
            new Page("/product/tour", "Product tour (video)", Kind.VIDEO),
            new Page("/solutions/marketing", "Solutions for marketing teams", Kind.SOLUTIONS),
            new Page("/solutions/sales", "Solutions for sales teams", Kind.SOLUTIONS),
            new Page("/solutions/data-teams", "Solutions for data teams", Kind.SOLUTIONS),
            new Page("/customers", "Customers", Kind.CUSTOMERS),
            new Page("/customers/globex", "Case study: Globex", Kind.CASE_STUDY),
            new Page("/customers/initech", "Case study: Initech", Kind.CASE_STUDY),
            new Page("/customers/umbrella", "Case study: Umbrella", Kind.CASE_STUDY),
            new Page("/pricing", "Pricing", Kind.PRICING),
            new Page("/blog", "Blog", Kind.BLOG),
            new Page("/blog/real-time-personalisation", "Real-time personalisation", Kind.BLOG),
            new Page("/blog/first-party-data", "First-party data", Kind.BLOG),
            new Page("/blog/attribution-models", "Attribution models", Kind.BLOG),
            new Page("/blog/churn-signals", "Churn signals", Kind.BLOG),
            new Page("/docs", "Documentation", Kind.DOCS),
            new Page("/docs/getting-started", "Getting started", Kind.DOCS),
            new Page("/docs/api", "API reference", Kind.DOCS),
            new Page("/demo", "Request a demo", Kind.DEMO));

    private SiteMap() {}

    static List<Page> of(Kind kind) {
        return PAGES.stream().filter(page -> page.kind() == kind).toList();
    }
}
