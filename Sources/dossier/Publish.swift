import ArgumentParser
import DossierPublish
import DossierSite
import Foundation

/// `dossier publish`: builds the site, then publishes `Output/` to an S3-compatible bucket, a git branch or a folder.
struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, then publish Output/ to s3://BUCKET[/PREFIX], git:REPO#BRANCH or a folder.",
        discussion: """
        Only new and changed files are sent: assets first, then pages, then the home page, feeds and sitemap, then \
        deletions. When the tracked content changed since the latest edition, the site is built with the next \
        edition and, once the publish succeeded, that edition is recorded in Editions/ (a failed publish or --dry-run \
        records none; --no-build cuts none). S3 credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or the \
        [default] (or AWS_PROFILE) profile of ~/.aws/credentials. Exits 0 on success, 1 when the build or the publish \
        fails, 2 on usage errors such as a malformed target.
        """
    )

    @Argument(help: ArgumentHelp("Where to publish: s3://BUCKET[/PREFIX], git:REPO#BRANCH, or a folder path.", valueName: "target"))
    var target: String

    @Option(help: ArgumentHelp("The site folder, holding Content/.", valueName: "path"))
    var site: String = "."

    @Flag(name: .customLong("dry-run"), help: "Print each upload and deletion with its reason; change nothing.")
    var dryRun = false

    @Option(name: .customLong("max-deletes"), help: ArgumentHelp("Abort, changing nothing, if more files than this would be deleted.", valueName: "n"))
    var maxDeletes: Int = 256

    @Flag(help: "Upload every file, changed or not (git: commit even when the tree is unchanged).")
    var force = false

    @Flag(name: .customLong("no-build"), help: "Publish Output/ as it is, without building first.")
    var noBuild = false

    @Option(help: ArgumentHelp("S3-compatible endpoint (MinIO, R2, B2), e.g. http://127.0.0.1:9000; uses path-style addressing.", valueName: "url"))
    var endpoint: String?

    @Option(help: ArgumentHelp("S3 signing region (default: AWS_REGION, else us-east-1).", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("A note on the edition this publish cuts, shown on /changes/, in its feed and on the home page.",
                               valueName: "text"))
    var note: String?

    @Flag(help: "Print only errors and the summary line.")
    var quiet = false

    @OptionGroup var threads: JobsOption

    func validate() throws {
        guard maxDeletes >= 0 else { throw ValidationError("--max-deletes must be 0 or more") }
    }

    func run() async throws {
        let (publishTarget, s3) = try destination()
        let siteFolder = folderURL(site)
        let options = SiteBuilder.Options(siteFolder: siteFolder,
                                          editions: noBuild ? .published : .cut(at: try editionTime(), note: editionNote(note)),
                                          jobs: threads.value)
        let cut = try buildFirst(options)
        let publishOptions = PublishOptions(dryRun: dryRun, force: force, maxDeletes: maxDeletes, sourceFolder: siteFolder,
                                            jobs: options.jobs)
        let outcome: Result<PublishReport, PublishError>
        do {
            outcome = .success(try await Publisher.publish(options.output, to: publishTarget, options: publishOptions, s3: s3))
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let report):
            if dryRun { for line in report.plan.lines { print(line) } }
            print(report.summary)
            try record(cut, in: siteFolder)
        case .failure(let error):
            let unrecorded = cut.map { "; edition \($0.edition.edition) was not recorded" } ?? ""
            FileHandle.standardError.write(Data("publish failed: \(error.description)\(unrecorded)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The target and the S3 settings from the arguments; `--endpoint` and `--region` only go with `s3://` targets.
    private func destination() throws -> (PublishTarget, Publisher.S3Settings) {
        let publishTarget: PublishTarget
        do {
            publishTarget = try PublishTarget.parse(target)
        } catch {
            throw ValidationError(error.description)
        }
        var s3 = Publisher.S3Settings(region: region ?? Publisher.S3Settings.defaultRegion())
        if let endpoint {
            guard case .s3 = publishTarget else { throw ValidationError("--endpoint applies only to s3:// targets") }
            guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host?.isEmpty == false else {
                throw ValidationError("--endpoint must be an http(s)://host[:port] URL")
            }
            s3.endpoint = url
        }
        if region != nil {
            guard case .s3 = publishTarget else { throw ValidationError("--region applies only to s3:// targets") }
        }
        return (publishTarget, s3)
    }

    /// Builds the site before it is published (unless `--no-build`, when a preview build is refused) and returns
    /// the edition the build cut, if any. A failed build publishes nothing.
    private func buildFirst(_ options: SiteBuilder.Options) throws -> EditionRecord? {
        if noBuild {
            guard !isPreview(options.output) else {
                FileHandle.standardError.write(Data("""
                    publish failed: \(options.output.path) is a preview (from `dossier serve` or `--drafts`) showing unpublished \
                    changes; build it with `dossier build`, or publish without --no-build; nothing was published\n
                    """.utf8))
                throw ExitCode(1)
            }
            return nil
        }
        let result = SiteBuilder(options: options).build(usingStamp: true, tool: DossierVersion.current)
        DiagnosticPrinter.print(result.diagnostics)
        guard result.succeeded else {
            FileHandle.standardError.write(Data("build failed: \(DiagnosticPrinter.summary(result.diagnostics)); nothing was published\n".utf8))
            throw ExitCode(1)
        }
        if !quiet { print(BuildReport.built(result)) }
        return result.cutEdition
    }

    /// Whether the built site in `output` shows unpublished changes (the default theme marks their section).
    private func isPreview(_ output: URL) -> Bool {
        let page = FileManager.default.contents(atPath: output.appendingPathComponent("changes/index.html").path) ?? Data()
        return String(decoding: page, as: UTF8.self).contains("id=\"unpublished\"")
    }

    /// Records the edition the published site shows, now that it went out (a dry run only says which it would be).
    private func record(_ cut: EditionRecord?, in siteFolder: URL) throws {
        guard let cut else {
            if !noBuild, !quiet { print(EditionWords.unchanged(since: nil, note: note)) }
            return
        }
        let number = cut.edition.edition
        guard !dryRun else {
            print("would record edition \(number) (\(cut.edition.summary.lowercased())); a dry run records none")
            return
        }
        do {
            let path = try EditionHistory.write(cut, siteFolder: siteFolder)
            print("recorded edition \(number) in \(path); commit it with the content")
        } catch {
            FileHandle.standardError.write(Data("published, but edition \(number) could not be recorded: \(error); run `dossier edition` to record it\n".utf8))
            throw ExitCode(1)
        }
    }
}
