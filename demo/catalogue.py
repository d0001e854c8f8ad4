"""The words the demo store is made of."""

# top-level category: [(subcategory, picture shape, nouns, options)]
CATEGORIES = {
    "Clothing": [
        ("T-shirts", "tee", ["Tee", "Pocket Tee", "Boxy Tee", "Henley"], "size"),
        ("Knitwear", "sweater", ["Sweater", "Cardigan", "Crewneck", "Rollneck"], "size"),
        ("Bags", "bag", ["Tote", "Market Bag", "Backpack", "Weekender"], "colour"),
    ],
    "Home": [
        ("Lighting", "lamp", ["Table Lamp", "Reading Lamp", "Desk Lamp", "Floor Lamp"], "colour"),
        ("Plants & pots", "plant", ["Planter", "Plant Pot", "Herb Pot", "Hanging Pot"], "size"),
        ("Bowls", "bowl", ["Serving Bowl", "Salad Bowl", "Nesting Bowl", "Fruit Bowl"], "colour"),
    ],
    "Kitchen": [
        ("Mugs & cups", "mug", ["Mug", "Espresso Cup", "Latte Mug", "Travel Mug"], "colour"),
        ("Bottles", "bottle", ["Oil Bottle", "Water Bottle", "Carafe", "Vinegar Bottle"], "size"),
        ("Tableware", "bowl", ["Dinner Bowl", "Cereal Bowl", "Dip Bowl", "Soup Bowl"], "colour"),
    ],
    "Outdoors": [
        ("Flasks", "bottle", ["Flask", "Hip Flask", "Trail Bottle", "Thermos"], "size"),
        ("Camp kitchen", "mug", ["Camp Mug", "Enamel Cup", "Tin Mug", "Trail Cup"], "colour"),
        ("Packs", "bag", ["Daypack", "Roll-top Pack", "Sling Bag", "Duffel"], "colour"),
    ],
}

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
    "Linen",
    "Stoneware",
    "Woven",
    "Field",
    "Atlas",
]
MATERIALS = [
    "Cotton",
    "Wool",
    "Oak",
    "Clay",
    "Hemp",
    "Canvas",
    "Glass",
    "Enamel",
    "Walnut",
    "Slate",
]
SIZES = ["XS", "S", "M", "L", "XL"]
COLOURS = ["Sand", "Ink", "Moss", "Clay", "Ochre", "Slate", "Rose", "Sea"]

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
