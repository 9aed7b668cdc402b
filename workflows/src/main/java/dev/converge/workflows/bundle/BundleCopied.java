package dev.converge.workflows.bundle;

/**
 * @param to where the bundle now is, with its tag
 * @param digest the manifest digest, the same at both ends
 * @param alreadyPresent the target held this very content already: nothing copied
 */
public record BundleCopied(String from, String to, String digest, boolean alreadyPresent) {}
