"""Tests of brinkwatch.report."""
