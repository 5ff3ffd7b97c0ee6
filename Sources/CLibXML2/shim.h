#ifndef DOSSIER_CLIBXML2_SHIM_H
#define DOSSIER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so encoding.h would include ICU's <unicode/ucnv.h>, whose enums clash with the
   copy of ICU inside Foundation (_FoundationICU). Dossier never touches the ICU members of libxml2's encoding
   handler (it only passes handler pointers back to libxml2), so the declarations are read without them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#endif
