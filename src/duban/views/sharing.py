"""What `sync`, `git-setup` and the merge driver say: one line for each outcome."""

from __future__ import annotations


def sync_line(w, result) -> str:
    """What was committed, received and pushed (`已与 origin/main 同步：提交本地改动 1 个文件，…，推送 2 个提交`),
    or that all is up to date, or the tasks left in conflict."""
    join = w("enum_sep").join
    renumbered = [w("sync_renumbered", old=old, new=new) for old, new in result.renumbered]
    if result.unfinished:
        said = renumbered + ([w("sync_conflict", items=join(result.conflicts))] if result.conflicts else [])
        said += [w("sync_to_decide", items=join(result.to_decide))] if result.to_decide else []
        return w("sync_unfinished", what=w("clause_sep").join(said))
    if result.up_to_date:
        return w("sync_up_to_date", upstream=result.upstream)
    parts = ([w("sync_concluded")] if result.concluded else []) + renumbered
    if result.committed:
        parts.append(w("sync_committed", n=result.committed))
    if result.merged:
        parts.append(w("sync_received_merged", n=len(result.received), merged=len(result.merged),
                       tasks=join(result.merged)))
    elif result.received:
        parts.append(w("sync_received", n=len(result.received)))
    if result.received_files:
        parts.append(w("sync_received_files", n=result.received_files))
    if result.pushed:
        parts.append(w("sync_pushed", n=result.pushed))
    return w("sync_done", upstream=result.upstream, parts=w("list_sep").join(parts))


def merge_warnings(w, path: str, merged) -> list[str]:
    """The merge driver's lines for git's output: the keys left in conflict, or that the file was merged by lines."""
    said = []
    if merged.line_merge:
        said.append(w("merge_by_lines", path=path or "?"))
    if merged.conflicts:
        said.append(w("merge_conflict_keys", path=path or "?", keys=w("enum_sep").join(merged.conflicts)))
    return said
