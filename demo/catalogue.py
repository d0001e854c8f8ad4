"""The words the demo store is made of."""

# top-level category: [(subcategory, picture shape, nouns, options, materials)]
# Each product is made of one of its subcategory's materials, named and listed alike.
CATEGORIES = {
    "Clothing": [
        (
            "T-shirts",
            "tee",
            ["Tee", "Pocket Tee", "Boxy Tee", "Henley"],
            "size",
            ["Cotton", "Linen", "Hemp"],
        ),
        (
            "Knitwear",
            "sweater",
            ["Sweater", "Cardigan", "Crewneck", "Rollneck"],
            "size",
            ["Wool", "Merino", "Cashmere"],
        ),
        (
            "Bags",
            "bag",
            ["Tote", "Market Bag", "Backpack", "Weekender"],
            "colour",
            ["Canvas", "Leather", "Waxed Cotton"],
        ),
    ],
    "Homeware": [
        (
            "Lighting",
            "lamp",
            ["Table Lamp", "Reading Lamp", "Desk Lamp", "Floor Lamp"],
            "colour",
            ["Brass", "Oak", "Ceramic"],
        ),
        (
            "Plants & pots",
            "plant",
            ["Planter", "Plant Pot", "Herb Pot", "Hanging Pot"],
            "size",
            ["Terracotta", "Stoneware", "Concrete"],
        ),
        (
            "Bowls",
            "bowl",
            ["Serving Bowl", "Salad Bowl", "Nesting Bowl", "Fruit Bowl"],
            "colour",
            ["Stoneware", "Walnut", "Glass"],
        ),
    ],
    "Kitchen": [
        (
            "Mugs & cups",
            "mug",
            ["Mug", "Espresso Cup", "Latte Mug", "Travel Mug"],
            "colour",
            ["Stoneware", "Porcelain", "Enamel"],
        ),
        (
            "Bottles",
            "bottle",
            ["Oil Bottle", "Water Bottle", "Carafe", "Vinegar Bottle"],
            "size",
            ["Glass", "Stoneware", "Steel"],
        ),
        (
            "Tableware",
            "bowl",
            ["Dinner Bowl", "Cereal Bowl", "Dip Bowl", "Soup Bowl"],
            "colour",
            ["Stoneware", "Porcelain", "Earthenware"],
        ),
    ],
    "Outdoors": [
        (
            "Flasks",
            "bottle",
            ["Flask", "Hip Flask", "Trail Bottle", "Thermos"],
            "size",
            ["Steel", "Titanium", "Enamel"],
        ),
        (
            "Camp kitchen",
            "mug",
            ["Camp Mug", "Camp Cup", "Trail Mug", "Trail Cup"],
            "colour",
            ["Enamel", "Steel", "Titanium"],
        ),
        (
            "Packs",
            "bag",
            ["Daypack", "Roll-top Pack", "Sling Bag", "Duffel"],
            "colour",
            ["Nylon", "Canvas", "Waxed Cotton"],
        ),
    ],
}
# A slug kept from before the category took its present name, so a store built then
# keeps one tree.
TOP_SLUGS = {"Homeware": "home"}

ADJECTIVES = [
    "Everyday",
    "Classic",
    "Heritage",
    "Coastal",
    "Nordic",
    "Studio",
    "Harbour",
    "Meadow",
    "Alpine",
    "Canyon",
    "Orchard",
    "Harvest",
    "Quay",
    "Cove",
    "Field",
    "Atlas",
]
# What the pictures show, for their alt text: demo.art's shapes and palettes by name.
SHAPE_WORDS = {
    "tee": "T-shirt",
    "sweater": "sweater",
    "bag": "bag",
    "lamp": "lamp",
    "plant": "potted plant",
    "bowl": "bowl",
    "mug": "mug",
    "bottle": "bottle",
}
PALETTE_WORDS = [
    ("rust", "cream"),
    ("navy", "pale blue"),
    ("moss green", "pale green"),
    ("plum", "pink"),
    ("indigo", "lavender"),
    ("charcoal", "sand"),
    ("teal", "mint"),
    ("coral", "peach"),
]
SIZES = ["XS", "S", "M", "L", "XL"]
COLOURS = ["Sand", "Ink", "Moss", "Clay", "Ochre", "Slate", "Rose", "Sea"]
# How demo.art paints each colour: (object, accent, background top, background bottom),
# and the background in words, for the alt text.
COLOUR_ART = {
    "Sand": ("#c9ae86", "#5b4636", "#f4efe6", "#e7ddcc", "cream"),
    "Ink": ("#233a5e", "#e0b04a", "#e8edf3", "#cdd7e4", "pale blue"),
    "Moss": ("#55703f", "#e9dfc7", "#eef2e6", "#d6e0c6", "pale green"),
    "Clay": ("#b8613e", "#2f3e46", "#f6ebe2", "#ead3c2", "peach"),
    "Ochre": ("#c8922b", "#2d2a26", "#f6efdf", "#eadcbc", "cream"),
    "Slate": ("#5d6b78", "#f2efe9", "#eceef0", "#d5dade", "pale grey"),
    "Rose": ("#c9788a", "#3b2f3f", "#f7ecee", "#ecd3d9", "pink"),
    "Sea": ("#2e8a87", "#f2efe9", "#e4f2f0", "#c4e2de", "mint"),
}
# A subcategory's prices, lowest and highest, in the store's currency.
PRICES = {
    "T-shirts": (18, 45),
    "Knitwear": (65, 180),
    "Bags": (35, 160),
    "Lighting": (45, 240),
    "Plants & pots": (9, 60),
    "Bowls": (18, 85),
    "Mugs & cups": (12, 32),
    "Bottles": (9, 38),
    "Tableware": (10, 30),
    "Flasks": (18, 55),
    "Camp kitchen": (9, 28),
    "Packs": (40, 150),
}

SUMMARIES = [
    "Made to be used every day and to last for years.",
    "Small-batch, honest materials and a shape that never dates.",
    "A quiet favourite: simple, sturdy and easy to love.",
    "Designed in our studio and made by people we know by name.",
]

STORIES = [
    (
        "Slow mornings",
        "Coffee, sunlight and the few things that make a good start.",
        ["mug", "bottle", "bowl"],
    ),
    ("Pack light, go far", "What we carry on a weekend on the hills.", ["bag", "bottle", "mug"]),
    (
        "A room that breathes",
        "Plants, light and linen for calmer evenings.",
        ["plant", "lamp", "sweater"],
    ),
]
