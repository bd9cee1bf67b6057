/*
 * kami_progress.h — progress reports for C tools (kami:mcp/progress@0.1.0, world kami-tool-mcp).
 *
 * Include it only in tools that report progress: the import exists only when kami_progress is called, and
 * guest/c/componentize.mjs then builds the component against world kami-tool-mcp.
 *
 *     for (int i = 1; i <= 10; i++) {
 *         ... one tenth of the work ...
 *         kami_progress(i, 10, "indexing");          // total < 0: unknown; message NULL: none
 *     }
 *
 * The host forwards a report to the client as notifications/progress when the client asked for progress, and
 * drops it otherwise. Progress must grow from one report to the next; reports that do not or are not finite are
 * dropped, and so are those past a burst of 10 that come faster than 20 a second, or past 1,000 in a call (one
 * that reaches the total goes).
 * Reporting never fails and never stops the tool.
 */
#ifndef KAMI_PROGRESS_H
#define KAMI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Lowered host import: progress, option<f64> total, option<string> message. The host copies the message. */
__attribute__((import_module("kami:mcp/progress@0.1.0"), import_name("report")))
void kami__progress_report(double progress, int32_t has_total, double total, int32_t has_message, const char *message, size_t message_len);

/* total < 0 means unknown; message may be NULL. */
static inline void kami_progress(double progress, double total, const char *message) {
    kami__progress_report(progress, total >= 0, total >= 0 ? total : 0, message != NULL, message, message ? strlen(message) : 0);
}

#ifdef __cplusplus
}
#endif

#endif
