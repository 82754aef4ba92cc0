"""Tests of brinkwatch.api."""
