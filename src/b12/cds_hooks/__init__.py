"""CDS Hooks 2.0 service: b12 cards in the electronic health record."""
