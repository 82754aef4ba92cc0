"""Tests of brinkwatch.export."""
