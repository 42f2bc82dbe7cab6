"""English names of the procedure sectors (lĩnh vực) in the shipped seed catalog.

The six sectors of the curated core procedures keep the curated names; the others are the project's own
translations. Portal sector names sometimes carry an internal code in brackets ("(G07-LĐ06)"): it is kept.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["SECTOR_NAMES_EN", "sector_name_en"]

SECTOR_NAMES_EN: Final[dict[str, str]] = {
    "An toàn thực phẩm": "Food safety",
    "An toàn đập, hồ chứa thuỷ điện": "Safety of hydropower dams and reservoirs",
    "Bảo hiểm xã hội": "Social insurance",
    "Bảo hiểm y tế": "Health insurance",
    "Bảo trợ xã hội": "Social protection",
    "Chi trả các chế độ BHXH": "Payment of social insurance benefits",
    "Chính sách": "Policies",
    "Chính sách BQP": "Policies (Ministry of National Defence)",
    "Chứng thực": "Certification (authentication)",
    "Cấp, quản lý căn cước": "Issuance and management of identity cards",
    "Di sản văn hóa": "Cultural heritage",
    "Du lịch": "Tourism",
    "Dân số, Bà mẹ - Trẻ em": "Population, maternal and child health",
    "Giao thông vận tải": "Transport",
    "Giáo dục mầm non": "Preschool education",
    "Giáo dục nghề nghiệp (G07-LĐ06)": "Vocational education (G07-LĐ06)",
    "Giáo dục thường xuyên": "Continuing education",
    "Giáo dục trung học": "Secondary education",
    "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân": (
        "Education and training in the national education system"
    ),
    "Giảm nghèo": "Poverty reduction",
    "Hoạt động xây dựng": "Construction activities",
    "Hàng hải và đường thủy nội địa": "Maritime and inland waterways",
    "Hòa giải ở cơ sở": "Grassroots mediation",
    "Hạ tầng kỹ thuật": "Technical infrastructure",
    "Hải quan": "Customs",
    "Hộ tịch": "Civil status registration",
    "Khiếu nại, tố cáo": "Complaints and denunciations",
    "Kinh tế hợp tác và Phát triển nông thôn": "Cooperative economy and rural development",
    "Lâm nghiệp và Kiểm lâm": "Forestry and forest protection",
    "Người có công": "People with meritorious services to the revolution",
    "Nhà ở và công sở": "Housing and public office buildings",
    "Nuôi con nuôi": "Adoption",
    "Nông nghiệp": "Agriculture",
    "Nông nghiệp và Môi trường": "Agriculture and environment",
    "Phòng cháy, chữa cháy": "Fire prevention and fighting",
    "Quản lý biên giới": "Border management",
    "Quản lý chất lượng công trình xây dựng": "Construction quality management",
    "Quản lý lao động ngoài nước": "Management of Vietnamese workers abroad",
    "Quản lý nhà nước về hội, quỹ": "State management of associations and funds",
    "Quản lý xuất nhập cảnh": "Exit and entry management",
    "Quản lý Đê điều và Phòng, chống thiên tai": (
        "Dyke management and natural disaster prevention and control"
    ),
    "Sát hạch, cấp giấy phép lái xe": "Driving tests and driving licences",
    "Thi đua - khen thưởng": "Emulation and commendation",
    "Thi đua, khen thưởng": "Emulation and commendation",
    "Thuế": "Taxation",
    "Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã": (
        "Establishment and operation of cooperative groups, cooperatives and unions of cooperatives"
    ),
    "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)": "Business registration (household businesses)",
    "Thú y": "Veterinary services",
    "Thủy lợi": "Irrigation",
    "Thủy sản": "Fisheries",
    "Thực hiện chính sách BHXH": "Social insurance policies",
    "Thực hiện chính sách BHYT": "Health insurance policies",
    "Trồng trọt": "Crop production",
    "Tín ngưỡng, tôn giáo": "Beliefs and religion",
    "Tổ chức cán bộ": "Organization and personnel",
    "Viễn thông và Internet": "Telecommunications and the Internet",
    "Việc làm": "Employment",
    "Việc làm (G07-LĐ11)": "Employment (G07-LĐ11)",
    "Văn hóa": "Culture",
    "Điện": "Electricity",
    "Điện lực": "Electric power",
    "Đăng ký biện pháp bảo đảm": "Registration of security interests",
    "Đăng ký, quản lý cư trú": "Residence registration and management",
    "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng": (
        "Registration and management of motor vehicles and special-use vehicles"
    ),
    "Đường bộ": "Road transport",
    "Đất đai": "Land",
    "Định danh và xác thực điện tử": "Electronic identification and authentication",
    "Ứng phó sự cố tràn dầu BQP": "Oil spill response (Ministry of National Defence)",
}


def sector_name_en(name_vi: str) -> str | None:
    """The English name of a sector, whatever the Unicode form of the Vietnamese name; None if unknown."""
    return SECTOR_NAMES_EN.get(unicodedata.normalize("NFC", name_vi).strip())
