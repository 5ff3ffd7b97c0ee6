import DossierContent
import DossierModel

/// `sitemap.xml` (sitemaps.org protocol) listing every page but the 404 page, and `robots.txt` pointing to it.
/// A sitemap needs absolute URLs, so without an absolute `base_url` only `robots.txt` is written.
///
/// A sitemap file may list at most 50,000 URLs: a site with more gets `sitemap-1.xml`, `sitemap-2.xml`, … and
/// `sitemap.xml` becomes the sitemap index that lists them, so its address never changes.
public enum Sitemap {
    /// The sitemap and robots files for `pages`, with at most `limit` URLs in one sitemap file.
    public static func files(pages: [SitePage], urls: SiteURLs, limit: Int = Pagination.sitemapURLs) -> [OutputFile] {
        var robots = "User-agent: *\nAllow: /\n"
        var files: [OutputFile] = []
        if urls.isAbsolute {
            let locations = pages.filter { $0.kind != .notFound }.map { urls.url(page: $0.path) }
            if locations.count <= limit {
                files.append(OutputFile(path: "sitemap.xml", bytes: urlSet(locations[...])))
            } else {
                var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                for (i, start) in stride(from: 0, to: locations.count, by: max(1, limit)).enumerated() {
                    let path = "sitemap-\(i + 1).xml"
                    files.append(OutputFile(path: path, bytes: urlSet(locations[start..<min(locations.count, start + max(1, limit))])))
                    index += "  <sitemap><loc>\(XML.escape(urls.url(path)))</loc></sitemap>\n"
                }
                index += "</sitemapindex>\n"
                files.insert(OutputFile(path: "sitemap.xml", bytes: Array(index.utf8)), at: 0)
            }
            robots += "\nSitemap: \(urls.url("sitemap.xml"))\n"
        }
        files.append(OutputFile(path: "robots.txt", bytes: Array(robots.utf8)))
        return files
    }

    /// One sitemap file listing `locations`.
    static func urlSet(_ locations: ArraySlice<String>) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for location in locations {
            xml += "  <url><loc>\(XML.escape(location))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return Array(xml.utf8)
    }
}
