import DossierContent
import DossierModel

/// `sitemap.xml` (sitemaps.org protocol) listing every page but the 404 page, and `robots.txt` pointing to it.
/// A sitemap needs absolute URLs, so without an absolute `base_url` only `robots.txt` is written.
public enum Sitemap {
    /// The sitemap and robots files for `pages`.
    public static func files(pages: [SitePage], urls: SiteURLs) -> [OutputFile] {
        var robots = "User-agent: *\nAllow: /\n"
        var files: [OutputFile] = []
        if urls.isAbsolute {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for page in pages where page.kind != .notFound {
                xml += "  <url><loc>\(XML.escape(urls.url(page: page.path)))</loc></url>\n"
            }
            xml += "</urlset>\n"
            files.append(OutputFile(path: "sitemap.xml", bytes: Array(xml.utf8)))
            robots += "\nSitemap: \(urls.url("sitemap.xml"))\n"
        }
        files.append(OutputFile(path: "robots.txt", bytes: Array(robots.utf8)))
        return files
    }
}
