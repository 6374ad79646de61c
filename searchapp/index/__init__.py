"""index: build and open the on-disk index (generations, manifests, one writer, readers).

    build(paths, index_dir, ...) -> BuildReport      build.py
    repair(index_dir, mode="auto") -> dict           build.py (repair.py: what and why;
                                                     health.py: is the folder whole?)
    open_index(index_dir) -> IndexHandle             handle.py
    index_info(index_dir) -> dict                    handle.py (`searchapp stats`)
"""
from searchapp.index.build import BuildReport, build, repair
from searchapp.index.handle import IndexHandle, open_index
from searchapp.index.info import index_info

__all__ = ["build", "BuildReport", "repair", "open_index", "IndexHandle", "index_info"]
