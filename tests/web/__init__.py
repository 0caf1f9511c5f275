"""Tests of the web panel."""
