"""The submission template: its layout spec, its generator, its released layouts and the upgrade."""
