#ifndef PLANSITE_CCMARKGFM_SHIM_H
#define PLANSITE_CCMARKGFM_SHIM_H
// Only the public headers: /usr/include/cmark-gfm/ holds private headers with generic names.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#endif
