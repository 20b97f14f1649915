"""Read and write Vietnamese administrative documents (văn bản hành chính).

A pure library: no Django import. See docs/admindoc.md.
"""
