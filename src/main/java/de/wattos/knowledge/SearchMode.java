package de.wattos.knowledge;

public enum SearchMode { HYBRID, LEXICAL, VECTOR }
