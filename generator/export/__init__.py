"""Exporters: a povgen dataset in the formats trainers read (COCO, YOLO, clip lists, WebDataset)."""
