import DossierContent
import DossierModel
import DossierSupport
import Foundation

/// The originals `dossier import` kept (`Content/sources/originals/`), published byte for byte beside their
/// sources' pages (`sources/<id>/original.pdf`) so a reader can check a quote against the page as retrieved.
///
/// The loader has already checked each file against its recorded SHA-256; web pages go out as text (see
/// `Source.publishedOriginal`), never as HTML that would run in the site's name.
enum KeptOriginalFiles {
    /// One output file per source with a kept original, read from the site folder.
    static func files(site: SiteModel, siteFolder: URL, jobs: Jobs) -> [OutputFile] {
        let reader = SiteFileReader(siteFolder: siteFolder)
        return site.sources.filter { $0.original != nil }.concurrentMap(jobs: jobs) { source -> OutputFile? in
            guard let original = source.original, let name = source.publishedOriginal,
                  case .success(let data) = reader.read("Content/sources/" + original) else { return nil }
            return OutputFile(path: "sources/\(source.id)/\(name)", bytes: [UInt8](data))
        }.compactMap { $0 }
    }
}
