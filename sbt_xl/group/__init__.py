"""Group roll-up: read subsidiaries' workbooks, apply a GHG Protocol consolidation approach
along the ownership chains, total the group's inventory and list every problem."""
