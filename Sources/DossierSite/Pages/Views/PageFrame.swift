import DossierTemplates

/// What every page's layout reads about the site (`site.*`).
struct SiteView: TemplateRepresentable, Sendable {
    let title: String
    let description: String?
    let language: String
    let author: String?
    let homeURL: String

    var templateValue: TemplateValue {
        ["title": .string(title), "description": description.templateValue, "language": .string(language),
         "author": author.templateValue, "home_url": .string(homeURL)]
    }
}

/// What the layout reads about the page itself (`page.*`): its title and description, canonical URL, Open Graph
/// card, JSON-LD, feeds, and its pager when it is a page of a longer list.
struct PageMeta: TemplateRepresentable, Sendable {
    let title: String
    let isHome: Bool
    let description: String?
    let canonical: String?
    let stylesheet: String
    let openGraph: OpenGraph
    let jsonLD: HTMLText?
    let feeds: [FeedLink]
    let pager: Pager?

    var templateValue: TemplateValue {
        ["title": .string(title), "is_home": .bool(isHome), "description": description.templateValue,
         "canonical": canonical.templateValue, "stylesheet": .string(stylesheet), "og": openGraph.templateValue,
         "json_ld": jsonLD.templateValue, "feeds": feeds.templateValue, "pager": pager.templateValue]
    }
}

/// Open Graph and Twitter card values; `url` only with an absolute `base_url`.
struct OpenGraph: TemplateRepresentable, Sendable {
    /// `article` for a brief, `profile` for a person, else `website`.
    let type: String
    let title: String
    let description: String?
    let url: String?
    let siteName: String
    /// A brief's date.
    let published: String?

    var templateValue: TemplateValue {
        ["type": .string(type), "title": .string(title), "description": description.templateValue, "url": url.templateValue,
         "site_name": .string(siteName), "published": published.templateValue]
    }
}

/// An Atom feed a page links to with `<link rel="alternate">`.
struct FeedLink: TemplateRepresentable, Sendable {
    let title: String
    let url: String

    var templateValue: TemplateValue { ["title": .string(title), "url": .string(url)] }
}

/// Links in every page's footer: search, changes, feeds, the sitemap and the data exports.
struct Footer: TemplateRepresentable, Sendable {
    let searchURL: String
    let changesURL: String
    let feedURL: String
    let editionsFeedURL: String
    /// Only with an absolute `base_url`, which a sitemap needs.
    let sitemapURL: String?
    let data: [ExportLink]

    var templateValue: TemplateValue {
        ["search_url": .string(searchURL), "changes_url": .string(changesURL), "feed_url": .string(feedURL),
         "editions_feed_url": .string(editionsFeedURL), "sitemap_url": sitemapURL.templateValue, "data": data.templateValue]
    }
}

/// A data export as the footer links to it.
struct ExportLink: TemplateRepresentable, Sendable {
    let label: String
    let url: String
    /// `JSON`, `CSV`, …
    let format: String

    var templateValue: TemplateValue { ["label": .string(label), "url": .string(url), "format": .string(format)] }
}

/// One entry of the site menu, marked when the page is in its section (`current`) or is its page (`exact`).
struct NavEntry: TemplateRepresentable, Sendable {
    let label: String
    let url: String
    let current: Bool
    let exact: Bool

    var templateValue: TemplateValue {
        ["label": .string(label), "url": .string(url), "current": .bool(current), "exact": .bool(exact)]
    }
}
