"""Shared kernel: Vietnamese text, configuration, audit, scoped viewsets. No models of its own."""
