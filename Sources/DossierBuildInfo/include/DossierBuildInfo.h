#ifndef DOSSIER_BUILD_INFO_H
#define DOSSIER_BUILD_INFO_H

/// The full hash of the source commit this binary was built from, or "" when the build did not know it
/// (a plain `swift build`, or a source tree without git). Set by the Makefile through Package.swift.
const char *dossier_source_commit(void);

#endif
