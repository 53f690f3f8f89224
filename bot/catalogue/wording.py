"""Hand-written text and vocabulary that the catalogue build adds to the source data.

Everything here is ours: short plain-language descriptions of the 2024 clusters,
everyday words people use for interests, and a few abbreviations the O*NET titles
do not spell out. Facts (which occupation sits in which cluster, pay, skills) never
come from here; they come from the sources read in build.py.
"""

from __future__ import annotations

# One or two sentences per 2024 National Career Cluster, written for a person
# choosing a career, not for a policy reader.
CLUSTER_DESCRIPTIONS: dict[str, str] = {
    "Advanced Manufacturing": (
        "Designing, making and keeping running the products and machines we use, "
        "from engineering and robotics to production lines and quality checks."
    ),
    "Agriculture": (
        "Growing food and fibre, caring for animals and plants, and the science, "
        "machinery and business that keep farms and food supply working."
    ),
    "Arts, Entertainment, & Design": (
        "Creating and producing art, media, performances and designed objects, "
        "and the technical crafts behind the stage and screen."
    ),
    "Construction": (
        "Planning, designing and building homes, roads and infrastructure, and the "
        "skilled trades and heavy equipment that put them up."
    ),
    "Digital Technology": (
        "Building and running software, networks, data systems and the security "
        "that protects them, plus the support people who keep computers working."
    ),
    "Education": (
        "Teaching, training and supporting learners of every age, and leading the "
        "schools and programmes they learn in."
    ),
    "Energy & Natural Resources": (
        "Producing energy, extracting and managing natural resources, running "
        "utilities, and protecting land, water and the environment."
    ),
    "Financial Services": (
        "Managing money for people and organisations: accounting, banking, " "insurance, investments and real estate."
    ),
    "Healthcare & Human Services": (
        "Caring for people's physical and mental health and wellbeing, from clinical "
        "care and therapy to social services, personal care and health research."
    ),
    "Hospitality, Events, & Tourism": (
        "Welcoming and serving guests: restaurants and kitchens, hotels, travel, " "recreation and organised events."
    ),
    "Management & Entrepreneurship": (
        "Running organisations and projects: leadership, operations, administration, "
        "business information and starting one's own business."
    ),
    "Marketing & Sales": (
        "Understanding customers and reaching them: market research, advertising, "
        "selling, and retail and customer service."
    ),
    "Public Service & Safety": (
        "Serving and protecting the public: government, law and courts, policing, "
        "firefighting, emergency response and the military."
    ),
    "Supply Chain & Transportation": (
        "Moving people and goods by road, rail, air and sea, and the purchasing, "
        "warehousing, logistics and vehicle repair behind it."
    ),
}

# Short names people use for clusters that neither framework spells out.
CLUSTER_NICKNAMES: dict[str, str] = {
    "IT": "Digital Technology",
    "Tech": "Digital Technology",
    "Technology": "Digital Technology",
    "Healthcare": "Healthcare & Human Services",
    "Health": "Healthcare & Human Services",
    "Medical": "Healthcare & Human Services",
    "Finance": "Financial Services",
    "Business": "Management & Entrepreneurship",
    "Manufacturing": "Advanced Manufacturing",
    "Arts": "Arts, Entertainment, & Design",
    "Hospitality": "Hospitality, Events, & Tourism",
    "Transportation": "Supply Chain & Transportation",
    "Logistics": "Supply Chain & Transportation",
    "Energy": "Energy & Natural Resources",
    "Marketing": "Marketing & Sales",
    "Sales": "Marketing & Sales",
    "Government": "Public Service & Safety",
    "Public Safety": "Public Service & Safety",
    "STEM": "Energy & Natural Resources",  # where most classic STEM occupations went in 2024
}

# Everyday interest words -> the 2024 clusters they most often point to. The RIASEC
# keywords from O*NET are added by the build; these cover how people actually talk
# ("I'm into computers") where the O*NET keyword list is formal.
INTEREST_WORDS: dict[str, list[str]] = {
    "number": ["Financial Services", "Digital Technology"],
    "math": ["Financial Services", "Digital Technology", "Advanced Manufacturing"],
    "maths": ["Financial Services", "Digital Technology", "Advanced Manufacturing"],
    "mathematics": ["Financial Services", "Digital Technology", "Advanced Manufacturing"],
    "money": ["Financial Services"],
    "finance": ["Financial Services"],
    "budget": ["Financial Services"],
    "spreadsheet": ["Financial Services", "Management & Entrepreneurship"],
    "accounting": ["Financial Services"],
    "investing": ["Financial Services"],
    "computer": ["Digital Technology"],
    "coding": ["Digital Technology"],
    "code": ["Digital Technology"],
    "programming": ["Digital Technology"],
    "software": ["Digital Technology"],
    "technology": ["Digital Technology"],
    "tech": ["Digital Technology"],
    "data": ["Digital Technology"],
    "gadget": ["Digital Technology"],
    "video game": ["Digital Technology", "Arts, Entertainment, & Design"],
    "help people": ["Healthcare & Human Services", "Education"],
    "helping people": ["Healthcare & Human Services", "Education"],
    "helping others": ["Healthcare & Human Services", "Education"],
    "caring for people": ["Healthcare & Human Services"],
    "care for people": ["Healthcare & Human Services"],
    "people": ["Healthcare & Human Services", "Education", "Marketing & Sales"],
    "health": ["Healthcare & Human Services"],
    "medicine": ["Healthcare & Human Services"],
    "biology": ["Healthcare & Human Services", "Energy & Natural Resources"],
    "science": ["Healthcare & Human Services", "Energy & Natural Resources"],
    "chemistry": ["Healthcare & Human Services", "Advanced Manufacturing"],
    "psychology": ["Healthcare & Human Services"],
    "kid": ["Education", "Healthcare & Human Services"],
    "child": ["Education", "Healthcare & Human Services"],
    "children": ["Education", "Healthcare & Human Services"],
    "teaching": ["Education"],
    "teach": ["Education"],
    "learning": ["Education"],
    "animal": ["Agriculture"],
    "pet": ["Agriculture"],
    "farming": ["Agriculture"],
    "plant": ["Agriculture"],
    "gardening": ["Agriculture"],
    "food": ["Hospitality, Events, & Tourism", "Agriculture"],
    "cooking": ["Hospitality, Events, & Tourism"],
    "baking": ["Hospitality, Events, & Tourism"],
    "travel": ["Hospitality, Events, & Tourism", "Supply Chain & Transportation"],
    "event": ["Hospitality, Events, & Tourism"],
    "outdoors": ["Energy & Natural Resources", "Agriculture"],
    "nature": ["Energy & Natural Resources", "Agriculture"],
    "environment": ["Energy & Natural Resources"],
    "energy": ["Energy & Natural Resources"],
    "art": ["Arts, Entertainment, & Design"],
    "drawing": ["Arts, Entertainment, & Design"],
    "design": ["Arts, Entertainment, & Design"],
    "music": ["Arts, Entertainment, & Design"],
    "writing": ["Arts, Entertainment, & Design"],
    "photography": ["Arts, Entertainment, & Design"],
    "film": ["Arts, Entertainment, & Design"],
    "fashion": ["Arts, Entertainment, & Design"],
    "acting": ["Arts, Entertainment, & Design"],
    "building": ["Construction"],
    "build": ["Construction", "Advanced Manufacturing"],
    "building thing": ["Construction", "Advanced Manufacturing"],
    "working with my hand": ["Construction", "Advanced Manufacturing"],
    "with my hand": ["Construction", "Advanced Manufacturing"],
    "tool": ["Construction", "Advanced Manufacturing"],
    "woodworking": ["Construction", "Advanced Manufacturing"],
    "machine": ["Advanced Manufacturing"],
    "robot": ["Advanced Manufacturing"],
    "engineering": ["Advanced Manufacturing", "Construction"],
    "fixing thing": ["Supply Chain & Transportation", "Advanced Manufacturing"],
    "fix thing": ["Supply Chain & Transportation", "Advanced Manufacturing"],
    "car": ["Supply Chain & Transportation"],
    "engine": ["Supply Chain & Transportation"],
    "driving": ["Supply Chain & Transportation"],
    "truck": ["Supply Chain & Transportation"],
    "plane": ["Supply Chain & Transportation"],
    "aviation": ["Supply Chain & Transportation"],
    "shipping": ["Supply Chain & Transportation"],
    "selling": ["Marketing & Sales"],
    "sale": ["Marketing & Sales"],
    "marketing": ["Marketing & Sales"],
    "advertising": ["Marketing & Sales"],
    "persuading": ["Marketing & Sales"],
    "customer": ["Marketing & Sales"],
    "leading": ["Management & Entrepreneurship"],
    "leadership": ["Management & Entrepreneurship"],
    "managing": ["Management & Entrepreneurship"],
    "organizing": ["Management & Entrepreneurship"],
    "organising": ["Management & Entrepreneurship"],
    "business": ["Management & Entrepreneurship"],
    "start my own business": ["Management & Entrepreneurship"],
    "law": ["Public Service & Safety"],
    "justice": ["Public Service & Safety"],
    "politics": ["Public Service & Safety"],
    "protecting people": ["Public Service & Safety"],
    "keeping people safe": ["Public Service & Safety"],
    "safety": ["Public Service & Safety"],
    "military": ["Public Service & Safety"],
}

# Abbreviations people type that the titles in the data do not expand by themselves.
# The build also mines "Full Title (ABBR)" pairs from O*NET alternate titles; entries
# here win where both exist.
ABBREVIATIONS: dict[str, str] = {
    "hr": "human resources specialist",
    "qa": "quality assurance analyst",
    "ux": "user experience designer",
    "ui": "user interface designer",
    "swe": "software engineer",
    "sde": "software engineer",
    "hvac": "hvac mechanic",
    "dev": "developer",
    "devops": "devops engineer",
    "it": "information technology",
    "pm": "project manager",
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "np": "nurse practitioner",
    "pt": "physical therapist",
    "ot": "occupational therapist",
    "slp": "speech language pathologist",
    "md": "physician",
    "gp": "family medicine physician",
    "cpa": "certified public accountant",
    "sysadmin": "systems administrator",
}

# Everyday words for work activities -> the words O*NET task statements use.
ACTIVITY_WORDS: dict[str, list[str]] = {
    "fix": ["repair", "maintain"],
    "fixing": ["repair", "maintain"],
    "car": ["automobile", "vehicle", "automotive"],
    "auto": ["automobile", "automotive"],
    "kid": ["child", "children", "student"],
    "little": ["preschool", "kindergarten", "young"],
    "toddler": ["preschool", "infant", "child"],
    "rig": ["truck", "tractor", "trailer"],
    "semi": ["truck", "tractor", "trailer"],
    "haul": ["truck", "transport", "load"],
    "hair": ["hair", "scalp"],
    "tax": ["tax", "return"],
    "taxes": ["tax", "return"],  # the lemma table turns "taxes" into "taxi"
    "books": ["bookkeeping", "ledger", "account"],
    "code": ["program", "software", "code"],
    "coding": ["program", "software", "code"],
    "patient": ["patient"],
    "sick": ["patient", "ill"],
    "elderly": ["patient", "elderly", "aged"],
    "house": ["home", "residential", "building"],
    "houses": ["home", "residential", "building"],
    "wire": ["wire", "wiring", "electrical"],
    "pipe": ["pipe", "plumbing"],
    "pipes": ["pipe", "plumbing"],
    "plane": ["aircraft", "airplane"],
    "planes": ["aircraft", "airplane"],
    "boat": ["vessel", "ship"],
    "food": ["food", "meal", "dish"],
    "meal": ["food", "meal", "dish"],
    "lawn": ["lawn", "grounds", "turf"],
    "yard": ["lawn", "grounds", "landscape"],
    "teeth": ["teeth", "dental", "tooth"],
    "dog": ["animal", "dog", "pet"],
    "dogs": ["animal", "dog", "pet"],
    "pet": ["animal", "pet"],
    "pets": ["animal", "pet"],
    "money": ["financial", "fund"],
    "shelf": ["shelf", "stock", "merchandise"],
    "shelves": ["shelf", "stock", "merchandise"],
    "store": ["store", "merchandise", "customer"],
    "register": ["cash", "register", "payment"],
    "clean": ["clean"],
    "build": ["build", "construct", "assemble"],
    "weld": ["weld"],
    "paint": ["paint"],
    "sell": ["sell", "sale"],
    "teach": ["teach", "instruct", "student"],
    "drive": ["drive", "operate"],
    "drove": ["drive", "operate"],
    "cook": ["cook", "prepare", "food"],
    "cut": ["cut", "trim"],
    "serve": ["serve"],
}

# One line per 2024 sub-cluster, in plain words.
SUB_CLUSTER_DESCRIPTIONS: dict[str, str] = {
    "Engineering": "Designing products, machines and processes and solving technical problems.",
    "Industrial Machinery": "Installing, running and repairing the machines that factories depend on.",
    "Production & Automation": "Making goods on production lines, increasingly with automated equipment.",
    "Robotics": "Building, programming and maintaining robots and automated systems.",
    "Safety & Quality Assurance": "Checking that products and workplaces meet standards and stay safe.",
    "Agribusiness": "The business side of farming: buying, selling, managing and financing.",
    "Agricultural Technology & Automation": "Farm machinery, equipment and the technology that runs it.",
    "Animal Systems": "Raising, caring for and treating animals.",
    "Food Science & Processing": "Turning crops and livestock into safe food products.",
    "Plant Systems": "Growing crops, plants, trees and landscapes.",
    "Water Systems": "Managing water for farming and fisheries.",
    "Design & Digital Arts": "Visual and interactive design, from graphics and games to websites.",
    "Fashion & Interiors": "Designing clothing, accessories and interior spaces.",
    "Fine Arts": "Painting, sculpture, illustration, crafts and other studio art.",
    "Lighting & Sound Technology": "The technical crews behind light and sound for shows and recordings.",
    "Media Production & Broadcasting": "Making and broadcasting news, film, video, audio and print.",
    "Performing Arts": "Acting, music, dance and the people who stage performances.",
    "Architecture & Civil Engineering": "Designing buildings, roads, bridges and other structures.",
    "Construction Planning & Development": "Planning, estimating, inspecting and managing building projects.",
    "Equipment Operation & Maintenance": "Running and maintaining heavy construction equipment.",
    "Skilled Trades": "Hands-on building trades such as carpentry, electrical work and plumbing.",
    "Data Science & AI": "Finding patterns in data and building models and AI systems.",
    "IT Support & Services": "Helping people and organisations keep computers and systems working.",
    "Network Systems & Cybersecurity": "Designing and running networks and protecting them from attacks.",
    "Software Solutions": "Designing, writing and testing software.",
    "Web & Cloud": "Building websites and the cloud systems that host applications.",
    "Early Childhood Development": "Caring for and teaching young children.",
    "Education Administration & Leadership": "Running schools, colleges and education programmes.",
    "Learner Support & Community Engagement": "Counselling, library and support roles around learners.",
    "Teaching, Training, & Facilitation": "Teaching in classrooms, colleges and workplaces.",
    "Clean & Alternative Energy": "Solar, wind and other low-carbon energy.",
    "Conservation & Land Management": "Looking after forests, parks, land and wildlife.",
    "Ecological Research & Development": "Studying the natural world and how to protect it.",
    "Environmental Protection": "Monitoring and reducing pollution and environmental harm.",
    "Resource Extraction": "Mining, drilling and quarrying for minerals, oil and gas.",
    "Utilities": "Producing and delivering power, water and gas to homes and businesses.",
    "Accounting": "Keeping, checking and reporting financial records.",
    "Banking & Credit": "Lending, deposits and other bank and credit services.",
    "Financial Strategy & Investments": "Planning finances and managing investments.",
    "Insurance": "Assessing risk, selling cover and handling claims.",
    "Real Estate": "Buying, selling, managing and appraising property.",
    "Behavioral & Mental Health": "Supporting people's mental health and recovery.",
    "Biotechnology Research & Development": "Laboratory and life-science research behind new treatments.",
    "Community & Social Services": "Helping individuals, families and communities through social services.",
    "Health Data & Administration": "Running health services and managing health records and data.",
    "Personal Care Services": "Personal services such as hair and beauty, fitness and care.",
    "Physical Health": "Diagnosing and treating illness and injury, and caring for patients.",
    "Accommodations": "Hotels, resorts and other places people stay.",
    "Conferences & Events": "Planning and running meetings, conventions and events.",
    "Culinary & Food Services": "Cooking, serving and managing food and drink.",
    "Travel & Leisure": "Tourism, recreation and helping people travel.",
    "Business Information Management": "Administration, records and information that keep a business running.",
    "Entrepreneurship & Small Business": "Starting and running one's own business.",
    "Leadership & Operations": "Leading organisations and running day-to-day operations.",
    "Project Management": "Planning and steering projects to finish on time and budget.",
    "Regulation": "Making sure organisations follow laws, rules and standards.",
    "Market Research, Analytics, & Ethics": "Studying customers and markets to guide decisions.",
    "Marketing & Advertising": "Promoting products, services and brands.",
    "Retail & Customer Experience": "Selling in stores and looking after customers.",
    "Strategic Sales": "Selling to businesses and managing client accounts.",
    "Emergency Response": "Responding to fires, medical emergencies and disasters.",
    "Judicial Systems": "Courts, law and legal support.",
    "Local, State, & Federal Services": "Working in government at every level.",
    "Military & National Security": "Serving in the armed forces and protecting national security.",
    "Public Safety": "Policing, corrections, security and investigation.",
    "Air & Space Transportation": "Flying, maintaining and managing aircraft and spacecraft.",
    "Ground & Rail Transportation": "Driving trucks, buses and trains and moving goods by land.",
    "Maintenance & Repair": "Keeping vehicles and equipment in working order.",
    "Marine Transportation": "Crewing and running ships and boats.",
    "Planning & Logistics": "Planning how goods and people move from place to place.",
    "Purchasing & Warehousing": "Buying supplies and storing and moving stock.",
}
