#ifndef RESIDENCY_CLIBXML2_SHIM_H
#define RESIDENCY_CLIBXML2_SHIM_H
// libxml2's headers pull in the system ICU headers when LIBXML_ICU_ENABLED is set,
// and those clash with Foundation's own _FoundationICU module on a clean build.
// We never use libxml2's ICU-backed encoders (we only write UTF-8), so switch it off
// before any other libxml2 header is seen.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#endif
