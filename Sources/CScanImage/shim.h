#include <zbar.h>
#include <spng.h>
#include <turbojpeg.h>
