/// The version `dossier --version` prints.
enum DossierVersion {
    static let current = "0.1.0"
}
