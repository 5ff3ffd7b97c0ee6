#include "DossierBuildInfo.h"

#ifndef DOSSIER_SOURCE_COMMIT
#define DOSSIER_SOURCE_COMMIT ""
#endif

const char *dossier_source_commit(void) {
    return DOSSIER_SOURCE_COMMIT;
}
