"""Shared kernel: Vietnamese text, configuration helpers, audit, base mixins. No models of its own."""
