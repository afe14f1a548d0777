"""Scene config: models, distributions, YAML loading and overrides."""

from generator.config.load import config_hash, config_to_dict, load_config, validate_config
from generator.config.models import SceneConfig

__all__ = ["SceneConfig", "config_hash", "config_to_dict", "load_config", "validate_config"]
